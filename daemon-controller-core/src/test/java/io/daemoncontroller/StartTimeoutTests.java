package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoLeftoverTestDaemons.class)
class StartTimeoutTests {

    private static final Duration NEVER = Duration.ofSeconds(60);

    /** A start timeout by which the test daemon surely runs, even on a busy machine: aborts then reach it. */
    private static final Duration TIME_TO_BE_UP = Duration.ofSeconds(5);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void abortsADaemonThatDoesNotAnswerWithinTheStartTimeout() {
        DaemonController controller = sandbox.controller(sandbox.daemon().listenDelay(NEVER).shellCommand())
                .startTimeout(TIME_TO_BE_UP)
                .build();

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(failure.getMessage()).contains(controller.identifier()).endsWith("(timed out)");
        assertThat(failure.reason()).isEqualTo(StartException.Reason.NOT_ANSWERING);
        assertThat(failure.getMessage()).contains("not ready within 5s (startTimeout)",
                "start command: exited with status 0",
                "PID file " + sandbox.pidFile + ": names pid " + sandbox.daemonPid() + ", which runs",
                "ping " + controller.ping() + ": does not answer");
        assertThat(failure.exit()).isEmpty();
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).isFalse();
        assertThat(sandbox.pidFile).doesNotExist();
    }

    @Test
    void aDaemonThatWritesItsPidFileElsewhereIsReportedAsSuchAndNotLeftRunning() {
        Path elsewhere = sandbox.dir.resolve("elsewhere.pid");
        DaemonController controller = sandbox.controller(sandbox.daemon().pidFile(elsewhere).shellCommand())
                .startTimeout(Duration.ofSeconds(3))
                .build();

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(failure.reason()).isEqualTo(StartException.Reason.PID_FILE_MISMATCH);
        assertThat(failure.getMessage()).contains("PID file " + sandbox.pidFile + ": absent",
                "ping " + controller.ping() + ": answers", "writes its PID file somewhere else");
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).as("the daemon the start left behind").isFalse();
    }

    @Test
    void aDaemonThatForksLeavesItsSessionAndWritesItsPidFileElsewhereIsNotLeftRunning() {
        Path elsewhere = sandbox.dir.resolve("elsewhere.pid");
        String daemon = sandbox.daemon().pidFile(elsewhere).foregroundShellCommand();
        DaemonController controller = sandbox.controller("setsid -f " + daemon + " >/dev/null 2>&1 </dev/null")
                .startTimeout(Duration.ofSeconds(3))
                .build();

        catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.startedPids()).hasSize(1);
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).as("the daemon the start left behind").isFalse();
    }

    @Test
    void killsAnAbortedDaemonThatIgnoresTerm() {
        DaemonController controller = sandbox.controller(
                        sandbox.daemon().ignoreTerm().listenDelay(NEVER).shellCommand())
                .startTimeout(TIME_TO_BE_UP)
                .startAbortTimeout(Duration.ofSeconds(1))
                .build();

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(failure.getMessage()).endsWith("(timed out)");
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).isFalse();
        assertThat(sandbox.log()).contains("ignoring SIGTERM");
        assertThat(sandbox.pidFile).doesNotExist();
    }

    @Test
    void anAbortAlsoEndsAProcessThatTheStartCreatedWhileTheAbortLookedForItsProcesses() {
        // On SIGTERM the start command starts one more process, which ignores SIGTERM: the abort's first look at
        // the start's processes cannot have seen it.
        String lateProcess = "perl -e \"\\$SIG{TERM} = q(IGNORE); sleep 600\" " + sandbox.dir + " &";
        DaemonController controller = sandbox.build(sandbox.controller("trap '" + lateProcess + "' TERM;"
                + " while :; do sleep 0.1; done")
                .startTimeout(Duration.ofSeconds(1)));

        catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void abortsTheWholeProcessTreeOfAShellWrapperThatDoesNotExec() {
        String daemon = sandbox.daemon().ignoreTerm().listenDelay(NEVER).foregroundShellCommand();
        DaemonController controller = sandbox.controller(daemon + "; echo 'the daemon exited'")
                .startTimeout(TIME_TO_BE_UP)
                .startAbortTimeout(Duration.ofSeconds(1))
                .build();

        catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.startedPids()).hasSize(1);
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
    }

    @Test
    void abortsADaemonThatWritesNothingToItsLogForTheActivityTimeout() {
        DaemonController controller = sandbox.controller(sandbox.daemon().listenDelay(NEVER).shellCommand())
                .startTimeout(Duration.ofSeconds(30))
                .logFileActivityTimeout(Duration.ofSeconds(1))
                .build();

        long began = System.nanoTime();
        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure.getMessage()).endsWith("(timed out)");
        assertThat(failure.reason()).isEqualTo(StartException.Reason.LOG_IDLE);
        assertThat(failure.getMessage()).contains("did not grow for 1s (logFileActivityTimeout)")
                .doesNotContain("wrote nothing");
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
    }

    @Test
    void logActivityKeepsASlowStartAlive() {
        DaemonController controller = sandbox.controller(sandbox.daemon()
                        .listenDelay(Duration.ofMillis(4000))
                        .logProgressInterval(Duration.ofMillis(200))
                        .shellCommand())
                .startTimeout(Duration.ofSeconds(20))
                .logFileActivityTimeout(Duration.ofSeconds(2))
                .build();

        controller.start();

        assertThat(controller.isRunning()).isTrue();
        controller.stop();
    }

    @Test
    void beforeStartCountsAgainstTheStartTimeout() {
        DaemonController controller = sandbox.controller()
                .startTimeout(Duration.ofSeconds(1))
                .beforeStart(() -> LockSupport.parkNanos(Duration.ofMillis(1500).toNanos()))
                .build();

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(failure.getMessage()).endsWith("(timed out)");
        assertThat(sandbox.starts()).isZero();
    }
}
