package io.daemoncontroller;

import java.time.Duration;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon stopped on purpose stays stopped, whoever supervises it: another controller of the same daemon (another
 * instance of the app) does not take the stop for a death, and a closed controller restarts nothing.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class StopOnPurposeTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(1200);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();
    @Test
    void aStopThroughOneControllerIsNotUndoneByAnotherThatSupervisesTheSameDaemon() {
        DaemonController first = supervised();
        DaemonController second = supervised();
        first.start();
        assertThat(second.isRunning()).as("the second controller adopts the running daemon").isTrue();
        assertThat(second.status().state()).isEqualTo(DaemonState.RUNNING);

        first.stop();

        Await.until("the second controller to see the daemon stopped", WAIT,
                () -> second.status().state() == DaemonState.STOPPED);
        assertThat(second.status().lastError()).isEmpty();
        assertThat(Await.holdsThroughout(QUIET, () -> sandbox.starts() == 1 && !second.isRunning()))
                .as("no restart after the stop; starts: %s", sandbox.startedPids()).isTrue();
    }

    @Test
    void aStartAfterAStopOnPurposeIsSupervisedAgain() {
        DaemonController first = supervised();
        DaemonController second = supervised();
        first.start();
        second.isRunning();
        first.stop();
        Await.until("the second controller to see the stop", WAIT,
                () -> second.status().state() == DaemonState.STOPPED);

        second.start();
        long pid = second.pid().orElseThrow();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        Await.until("the daemon to be restarted after the kill", WAIT,
                () -> second.status().state() == DaemonState.RUNNING && second.status().pid().isPresent()
                        && second.status().pid().getAsLong() != pid);
        assertThat(sandbox.starts()).isEqualTo(3);
    }

    @Test
    void aClosedControllerNoLongerRestartsItsDaemon() {
        DaemonController controller = supervised();
        controller.start();
        long pid = controller.pid().orElseThrow();

        controller.close();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        Await.until("the daemon to be gone", WAIT, () -> !controller.isRunning());
        assertThat(Await.holdsThroughout(QUIET, () -> sandbox.starts() == 1))
                .as("no restart by a closed controller; starts: %s", sandbox.startedPids()).isTrue();
    }

    @Test
    void closingAControllerLeavesItsDaemonRunning() {
        DaemonController controller = supervised();
        controller.start();

        controller.close();

        assertThat(controller.isRunning()).isTrue();
        assertThat(controller.answersPing()).isTrue();
    }

    private DaemonController supervised() {
        return sandbox.build(sandbox.controller()
                .restartPolicy(RestartPolicy.ALWAYS)
                .restartDelay(Duration.ofMillis(50))
                .maxRestartDelay(Duration.ofSeconds(1)));
    }
}
