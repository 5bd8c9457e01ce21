package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * A daemon the controller runs itself ({@code daemonizeForMe}) has each line of its stdout and stderr logged to the
 * SLF4J logger {@code daemon.<identifier slug>}, stdout at INFO and stderr at WARN, with {@code daemon} and
 * {@code pid} in the MDC, and appended to its log file. Captured with a Logback {@link ListAppender}.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonOutputLoggingTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** An identifier with capitals, spaces and punctuation, to show the logger name is its slug. */
    private static final String IDENTIFIER = "Echo Server (output test)";
    private static final String LOGGER = "daemon.echo-server-output-test";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();
    ListAppender<ILoggingEvent> appender;
    DaemonController controller;

    @BeforeEach
    void setUp() {
        appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        logger.setLevel(Level.INFO);
        logger.addAppender(appender);
    }

    @AfterEach
    void tearDown() {
        try {
            if (controller != null) {
                controller.stop();
            }
        } finally {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
            logger.detachAppender(appender);
            logger.setLevel(null);
            sandbox.killEverything();
        }
    }

    private DaemonController.Builder controller(String startCommand) {
        return DaemonController.builder(IDENTIFIER)
                .daemonizeForMe(true)
                .startCommand(startCommand)
                .ping(Ping.tcp("127.0.0.1", sandbox.port))
                .pidFile(sandbox.pidFile)
                .logFile(sandbox.logFile)
                .startTimeout(Duration.ofSeconds(5))
                .startAbortTimeout(Duration.ofSeconds(1))
                .stopTimeout(Duration.ofSeconds(5));
    }

    private String daemon(String stdoutMessage) {
        return testDaemon().port(sandbox.port).countFile(sandbox.countFile).stdoutMessage(stdoutMessage)
                .foregroundShellCommand();
    }

    @Test
    void stdoutLinesAreLoggedAtInfoAndStderrLinesAtWarnWithTheDaemonAndItsPidInTheMdc() {
        controller = controller("echo 'a line on stderr' >&2; exec " + daemon("a line on stdout")).build();

        controller.start();

        String pid = Long.toString(controller.pid().orElseThrow());
        ILoggingEvent stdout = awaitEvent("a line on stdout");
        ILoggingEvent stderr = awaitEvent("a line on stderr");
        assertThat(stdout.getLoggerName()).isEqualTo(LOGGER);
        assertThat(stdout.getLevel()).isEqualTo(Level.INFO);
        assertThat(stdout.getMDCPropertyMap()).containsEntry("daemon", IDENTIFIER).containsEntry("pid", pid);
        assertThat(stderr.getLoggerName()).isEqualTo(LOGGER);
        assertThat(stderr.getLevel()).isEqualTo(Level.WARN);
        assertThat(stderr.getMDCPropertyMap()).containsEntry("daemon", IDENTIFIER).containsEntry("pid", pid);
        awaitLog("a line on stdout\n", "a line on stderr\n");
    }

    @Test
    void linesAreLoggedOneEventEachInOrderAlsoAfterStartReturned() {
        Path go = sandbox.dir.resolve("go");
        controller = controller("printf 'first\\nsecond\\nthird\\n'; "
                + "{ while [ ! -e " + shellQuote(go.toString()) + " ]; do sleep 0.02; done; echo 'after start'; } & "
                + "exec " + daemon("from the daemon")).build();

        controller.start();
        Sandbox.write(go, "");

        awaitEvent("after start");
        awaitEvent("from the daemon");
        List<String> messages = messages();
        assertThat(messages).containsSubsequence("first", "second", "third", "after start");
        assertThat(messages).filteredOn(message -> message.equals("second")).hasSize(1);
        awaitLog("first\nsecond\nthird\n", "after start\n");
    }

    @Test
    void theLinesOfARestartedDaemonCarryItsNewPid() {
        controller = controller("exec " + daemon("hello from a run"))
                .restartPolicy(RestartPolicy.ON_FAILURE)
                .restartDelay(Duration.ofMillis(50))
                .build();
        RecordingListener events = new RecordingListener();
        controller.addListener(events);
        controller.start();
        String firstPid = Long.toString(controller.pid().orElseThrow());
        awaitEvent("hello from a run");

        ProcessHandle.of(sandbox.daemonPid()).orElseThrow().destroyForcibly();
        events.await(DaemonState.RUNNING, 2, WAIT);

        String secondPid = Long.toString(controller.pid().orElseThrow());
        assertThat(secondPid).isNotEqualTo(firstPid);
        Await.until("the restarted daemon's line", WAIT, () -> events().stream()
                .filter(event -> event.getFormattedMessage().equals("hello from a run")).count() == 2);
        assertThat(events()).filteredOn(event -> event.getFormattedMessage().equals("hello from a run"))
                .extracting(event -> event.getMDCPropertyMap().get("pid"))
                .containsExactly(firstPid, secondPid);
    }

    /** Waits for the log file to hold {@code texts}: {@code tee} copies each line to this JVM before the file. */
    private void awaitLog(String... texts) {
        Await.until("the log file to hold " + List.of(texts), WAIT,
                () -> List.of(texts).stream().allMatch(sandbox.log()::contains));
    }

    private ILoggingEvent awaitEvent(String message) {
        try {
            return Await.value("the event \"" + message + "\" in " + LOGGER, WAIT, () -> find(message));
        } catch (AssertionError missing) {
            throw new AssertionError(missing.getMessage() + "; logged: " + messages() + "; log file:\n"
                    + sandbox.log(), missing);
        }
    }

    private Optional<ILoggingEvent> find(String message) {
        return events().stream().filter(event -> event.getFormattedMessage().equals(message)).findFirst();
    }

    private List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    private List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
