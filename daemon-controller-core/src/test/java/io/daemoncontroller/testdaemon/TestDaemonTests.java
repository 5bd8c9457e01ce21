package io.daemoncontroller.testdaemon;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The test daemon does what its switches say, so that the controller's tests test the controller. */
@ExtendWith(NoLeftoverTestDaemons.class)
class TestDaemonTests {

    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @AfterEach
    void killEverything() {
        TestProcesses.killAllMentioning(dir.toString());
    }

    @Test
    void daemonizesWritesItsFilesEchoesAndExitsOnTerm() throws Exception {
        int port = FreePorts.next();
        Path pidFile = dir.resolve("daemon.pid");
        Path readyFile = dir.resolve("ready");
        Path exitFile = dir.resolve("exit");
        Path logFile = dir.resolve("daemon.log");
        TestDaemonCommand command = testDaemon().port(port).pidFile(pidFile).logFile(logFile)
                .logMessage("hello log").readyFile(readyFile).exitFile(exitFile).countFile(dir.resolve("count"))
                .removePidFileOnExit().messageBeforeDaemonizing("before daemonizing");
        long launched = System.nanoTime();

        Process shell = new ProcessBuilder("/bin/sh", "-c", command.shellCommand()).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("before daemonizing\n");

        Await.until("the daemon to listen", GENEROUS, () -> contains(logFile, "listening"));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(Files.readString(dir.resolve("count")).strip()).isEqualTo(Long.toString(pid));
        assertThat(Long.parseLong(Files.readString(readyFile).strip())).isGreaterThan(launched);
        assertThat(Files.readString(logFile)).contains("hello log");
        assertThat(TestProcesses.commandLine(ProcessHandle.of(pid).orElseThrow()))
                .contains(TestDaemonCommand.markerArgument());
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            assertThat(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("ping");
        }

        new ProcessBuilder("kill", "-s", "TERM", Long.toString(pid)).start().waitFor();

        Await.until("the daemon to exit", GENEROUS, () -> !TestProcesses.isAlive(pid));
        assertThat(pidFile).doesNotExist();
        assertThat(Long.parseLong(Files.readString(exitFile).strip()))
                .isGreaterThan(Long.parseLong(Files.readString(readyFile).strip()));
    }

    @Test
    void crashesWithTheExitStatusAfterWritingThePidFile() throws Exception {
        Path pidFile = dir.resolve("daemon.pid");
        Process daemon = new ProcessBuilder(testDaemon().pidFile(pidFile).stdoutMessage("to stdout")
                .crashBeforeListen(7).foregroundCommand()).redirectErrorStream(true).start();

        String output = new String(daemon.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(7);
        assertThat(output).isEqualTo("to stdout\n");
        assertThat(Files.readString(pidFile).strip()).isEqualTo(Long.toString(daemon.pid()));
    }

    @Test
    void diesOfTheSignalItIsToldToDieOf() throws Exception {
        Process daemon = new ProcessBuilder(testDaemon().exitBySignal("TERM").foregroundCommand()).start();

        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).isEqualTo(128 + 15);
    }

    @Test
    void ignoresTermWhenToldTo() throws Exception {
        Path logFile = dir.resolve("daemon.log");
        Process daemon = new ProcessBuilder(testDaemon().logFile(logFile).ignoreTerm().foregroundCommand()).start();
        Await.until("the daemon to start", GENEROUS,
                () -> contains(logFile, "started"));

        new ProcessBuilder("kill", "-s", "TERM", Long.toString(daemon.pid())).start().waitFor();

        Await.until("the daemon to log the signal", GENEROUS, () -> contains(logFile, "ignoring SIGTERM"));
        assertThat(daemon.isAlive()).isTrue();
        daemon.destroyForcibly().waitFor();
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
