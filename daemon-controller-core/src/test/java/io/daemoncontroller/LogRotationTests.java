package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.ChildJvm;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** A {@code daemonizeForMe} daemon's log file bounded by logMaxSize and logMaxFiles, rotated by its relay. */
@ExtendWith(NoLeftoverTestDaemons.class)
class LogRotationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int LINES = 100_000;

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    /** A shell command line that writes {@code lines} numbered lines at full speed. */
    private static String chatty(int lines) {
        return "seq -f 'line %06.0f' 1 " + lines;
    }

    private String foregroundDaemon() {
        return testDaemon().port(sandbox.port).countFile(sandbox.countFile).foregroundShellCommand();
    }

    @Test
    void aDaemonWriting100kLinesAtFullSpeedHasEveryLineExactlyOnceInOrderAcrossSeveralRotations() throws IOException {
        long maxSize = 128 * 1024;
        DaemonController controller = sandbox.build(sandbox.controller()
                .startCommand(chatty(LINES) + " & exec " + foregroundDaemon())
                .daemonizeForMe(true)
                .logMaxSize(maxSize)
                .logMaxFiles(12)
                .readyLogLine("^line 100000$")
                .startTimeout(WAIT));

        controller.start();

        List<Path> files = logFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(5).hasSizeLessThanOrEqualTo(12);
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(maxSize);
        }
        assertConsecutiveLines(files, 1, LINES);
        controller.stop();
    }

    @Test
    void theRelayRotatesAndDropsTheOldestFilesAfterTheJvmThatStartedTheDaemonExited() throws Exception {
        Path go = sandbox.dir.resolve("go");
        run("mkfifo", go.toString());
        String command = "(read go <" + go + "; " + chatty(LINES) + ") & exec " + foregroundDaemon();
        Process starter = ChildJvm.start(sandbox.dir.resolve("starter.out"), ControllerClient.class, "action=start",
                "pidFile=" + sandbox.pidFile, "port=" + sandbox.port, "startCommand=" + command,
                "daemonizeForMe=true", "logMaxSize=65536", "logMaxFiles=3");
        assertThat(starter.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(Sandbox.read(sandbox.dir.resolve("starter.out"))).contains("started");

        try (Writer writer = Files.newBufferedWriter(go)) {
            writer.write("go\n");
        }

        Await.until("the last line in the log file", WAIT,
                () -> logFileContent().endsWith("line 100000\n"));
        List<Path> files = logFiles();
        assertThat(files).extracting(file -> file.getFileName().toString())
                .containsExactly("daemon.log.2", "daemon.log.1", "daemon.log");
        int kept = 0;
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(65536);
            kept += Files.readAllLines(file).size();
        }
        assertConsecutiveLines(files, LINES - kept + 1, LINES);
        sandbox.build(sandbox.controller().daemonizeForMe(true).startCommand(command)).stop();
    }

    @Test
    void aFailedStartReportsTheLastLinesWrittenSinceItBeganAcrossRotations() {
        DaemonController controller = sandbox.build(sandbox.controller()
                .startCommand(chatty(6_000) + "; exit 3")
                .daemonizeForMe(true)
                .logMaxSize(16 * 1024)
                .logMaxFiles(10)
                .startTimeout(WAIT));
        Sandbox.write(sandbox.logFile, "a line of an earlier start\n");

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure.exit().orElseThrow().status()).hasValue(3);
        assertThat(failure.newLogLines()).endsWith("line 005999\nline 006000")
                .doesNotContain("earlier start").doesNotContain("line 000001");
        assertThat(failure.newLogLines().lines()).hasSize(OutputTail.MAX_LINES + 1);
        assertThat(logFiles().get(0)).content().startsWith("a line of an earlier start\n");
    }

    @Test
    void withOneLogFileEachRotationStartsTheLogFileAnewAndKeepsNoOther() throws IOException {
        DaemonController controller = sandbox.build(sandbox.controller()
                .startCommand(chatty(2_000) + " & exec " + foregroundDaemon())
                .daemonizeForMe(true)
                .logMaxSize(4096)
                .logMaxFiles(1)
                .readyLogLine("^line 002000$")
                .startTimeout(WAIT));

        controller.start();

        assertThat(logFiles()).containsExactly(sandbox.logFile);
        assertThat(Files.size(sandbox.logFile)).isLessThanOrEqualTo(4096);
        List<String> lines = Files.readAllLines(sandbox.logFile);
        assertConsecutiveLines(logFiles(), 2_000 - lines.size() + 1, 2_000);
        controller.stop();
    }

    @Test
    void aLogMaxSizeForADaemonThatWritesItsOwnLogIsRefusedNamingDaemonizeForMe() {
        InvalidOptionException refused = catchThrowableOfType(
                () -> sandbox.controller().logMaxSize(10_485_760).build(), InvalidOptionException.class);

        assertThat(refused.option()).isEqualTo("logMaxSize");
        assertThat(refused.conflictingOption()).hasValue("daemonizeForMe");
        assertThat(refused).hasMessageContaining("daemonizeForMe(true)");
    }

    @Test
    void aLogMaxSizeOfLessThanAFewLinesIsRefused() {
        InvalidOptionException refused = catchThrowableOfType(() -> sandbox.controller().logMaxSize(100),
                InvalidOptionException.class);

        assertThat(refused.option()).isEqualTo("logMaxSize");
        assertThat(refused).hasMessageContaining("at least 4096 bytes");
    }

    @Test
    void fewerThanOneLogFileIsRefused() {
        InvalidOptionException refused = catchThrowableOfType(() -> sandbox.controller().logMaxFiles(0),
                InvalidOptionException.class);

        assertThat(refused.option()).isEqualTo("logMaxFiles");
        assertThat(refused).hasMessageContaining("1 or more");
    }

    @Test
    void aLogMaxFilesWithoutALogMaxSizeIsRefused() {
        InvalidOptionException refused = catchThrowableOfType(
                () -> sandbox.controller().daemonizeForMe(true).logMaxFiles(3).build(), InvalidOptionException.class);

        assertThat(refused.option()).isEqualTo("logMaxFiles");
        assertThat(refused.conflictingOption()).hasValue("logMaxSize");
    }

    /** The log file and its rotated files that exist, oldest first. */
    private List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        for (int index = 100; index > 0; index--) {
            Path rotated = sandbox.dir.resolve("daemon.log." + index);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        files.add(sandbox.logFile);
        return files;
    }

    private static void assertConsecutiveLines(List<Path> files, int first, int last) throws IOException {
        int expected = first;
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                assertThat(line).as("line %d of the log, in %s", expected, file)
                        .isEqualTo("line %06d", expected);
                expected++;
            }
        }
        assertThat(expected - 1).as("the last line").isEqualTo(last);
    }

    /** Keeps the daemons' lines, which the relay copies to their loggers too, out of the test's output. */
    @BeforeEach
    void quietDaemonLoggers() {
        daemonLoggers().setLevel(Level.OFF);
    }

    @AfterEach
    void restoreDaemonLoggers() {
        daemonLoggers().setLevel(null);
    }

    private static Logger daemonLoggers() {
        return (Logger) LoggerFactory.getLogger("daemon");
    }

    private String logFileContent() {
        try {
            return Files.readString(sandbox.logFile);
        } catch (IOException betweenRotations) {
            return "";
        }
    }

    private static void run(String... command) {
        try {
            assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
