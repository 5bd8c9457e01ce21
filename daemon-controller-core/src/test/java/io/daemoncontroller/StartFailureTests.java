package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoLeftoverTestDaemons.class)
class StartFailureTests {

    private static final Duration LONG = Duration.ofSeconds(30);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void reportsCommandOutputNewLogLinesAndExitStatusWhenTheStartCommandFails() {
        Sandbox.write(sandbox.logFile, "an old line\n");
        DaemonController controller = sandbox.controller("echo 'out: cannot read config'; echo 'err: giving up' >&2;"
                + " echo 'log: config is broken' >> " + shellQuote(sandbox.logFile.toString()) + "; exit 3").build();

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage())
                .contains(controller.identifier(), "out: cannot read config", "err: giving up",
                        "log: config is broken", "(exited with status 3)")
                .doesNotContain("an old line");
        assertThat(failure.commandOutput()).contains("out: cannot read config", "err: giving up");
        assertThat(failure.newLogLines()).contains("log: config is broken").doesNotContain("an old line");
        assertThat(failure.exit()).hasValueSatisfying(exit -> assertThat(exit.status()).hasValue(3));
    }

    @Test
    void reportsTheSignalThatTerminatedTheStartCommand() {
        DaemonController controller = sandbox.controller("echo 'about to die'; kill -s TERM $$").build();

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure.getMessage()).contains("about to die", "(terminated by signal SIGTERM)");
        assertThat(failure.exit()).hasValueSatisfying(exit -> assertThat(exit.signal()).hasValue("SIGTERM"));
    }

    @Test
    void reportsADaemonThatCrashesInTheBackgroundAtOnceWithItsNewLogLines() {
        DaemonController controller = sandbox.controller(sandbox.daemon()
                        .logMessage("fatal: the index is missing")
                        .listenDelay(Duration.ofMillis(300))
                        .crashBeforeListen(3)
                        .shellCommand())
                .startTimeout(LONG)
                .logFileActivityTimeout(LONG)
                .build();

        long began = System.nanoTime();
        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("fatal: the index is missing");
        assertThat(failure.newLogLines()).contains("fatal: the index is missing");
        assertThat(controller.isRunning()).isFalse();
    }

    @Test
    void reportsADaemonThatDiesOfASignalInTheBackgroundAtOnce() {
        DaemonController controller = sandbox.controller(sandbox.daemon()
                        .logMessage("about to be killed")
                        .listenDelay(Duration.ofMillis(300))
                        .exitBySignal("KILL")
                        .shellCommand())
                .startTimeout(LONG)
                .logFileActivityTimeout(LONG)
                .build();

        long began = System.nanoTime();
        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.newLogLines()).contains("about to be killed");
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).isFalse();
    }

    @Test
    void countsALogFileThatDidNotExistBeforeTheStartWhollyAsNew() {
        DaemonController controller = sandbox.controller("echo 'the very first line' > "
                + shellQuote(sandbox.logFile.toString()) + "; echo 'the second line' >> "
                + shellQuote(sandbox.logFile.toString()) + "; exit 1").build();

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure.newLogLines()).contains("the very first line", "the second line");
        assertThat(failure.getMessage()).contains("the very first line");
    }

    @Test
    void keepsTheEndOfLongOutputAndLongLogs() {
        String log = shellQuote(sandbox.logFile.toString());
        DaemonController controller = sandbox.controller("seq 1 200000; seq 1 200000 | sed s/^/log-/ >> " + log
                + "; echo 'last output line'; echo 'last log line' >> " + log + "; exit 1").build();

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        int fullSize = 200_000 * 7;
        assertThat(failure.commandOutput()).endsWith("last output line").hasSizeLessThan(fullSize);
        assertThat(failure.newLogLines()).contains("last log line").hasSizeLessThan(fullSize);
        assertThat(failure.getMessage()).contains("last output line", "last log line").hasSizeLessThan(fullSize);
        assertThat(failure.commandOutput()).doesNotStartWith("1\n2\n3\n");
    }

    @Test
    void reportsAStartProgramThatDoesNotExistWithinASecond() {
        DaemonController controller = sandbox.controller()
                .startCommand(List.of(sandbox.dir.resolve("no-such-daemon").toString(), "--port", "1"))
                .startTimeout(LONG)
                .build();

        long began = System.nanoTime();
        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
        assertThat(failure.getMessage()).contains(controller.identifier(), "no-such-daemon");
    }

    @Test
    void reportsAShellStartCommandThatIsNotFoundWithinASecond() {
        DaemonController controller = sandbox.controller("no-such-daemon-command --port 1")
                .startTimeout(LONG)
                .build();

        long began = System.nanoTime();
        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(1));
        assertThat(failure.getMessage()).contains("no-such-daemon-command", "(exited with status 127)");
    }

    @Test
    void reportsAFailingBeforeStartWithoutRunningTheStartCommand() {
        DaemonController controller = sandbox.controller()
                .beforeStart(() -> {
                    throw new IllegalStateException("cannot generate the config");
                })
                .build();

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).hasMessageContaining("cannot generate the config");
        assertThat(sandbox.starts()).isZero();
    }

    @Test
    void aStartCommandThatExitsAndLeavesNothingRunningFailsAtOnceWithTheDaemonsOwnWords() {
        DaemonController controller = sandbox.controller("echo 'bind: Address already in use' >> "
                        + shellQuote(sandbox.logFile.toString()) + "; (sleep 0.1; exit 1) & exit 0")
                .startTimeout(LONG)
                .logFileActivityTimeout(LONG)
                .build();

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.EVERY_PROCESS_EXITED);
        assertThat(failure.getMessage()).contains("the start command exited and every process it started has exited",
                "bind: Address already in use");
        assertThat(failure.getMessage()).doesNotContain("wrote nothing");
    }

    @Test
    void aStartWhoseDaemonStillRunsIsNotTakenForDeadWhenItsPidFileIsLate() {
        DaemonController controller = sandbox.controller(sandbox.daemon()
                        .pidFileDelay(Duration.ofMillis(400))
                        .shellCommand())
                .startTimeout(LONG)
                .build();

        controller.start();

        assertThat(controller.isRunning()).isTrue();
        controller.stop();
    }
}
