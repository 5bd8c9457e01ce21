package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.TestProcesses;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a controller must say of a real daemon that failed to start or was killed behind its controller's back, in
 * one place for every real daemon's tests.
 */
final class DaemonOutcomes {

    private DaemonOutcomes() {
    }

    /** Kills {@code pid}, called {@code what} in messages, with SIGKILL and waits until it is gone. */
    static void kill9(String what, long pid) {
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        Await.until(what + " to die", Duration.ofSeconds(5), () -> !TestProcesses.isAlive(pid));
    }

    /**
     * Asserts that {@code controller}, restart policy NEVER, sees the daemon gone and says so consistently: not
     * running, FAILED, its exit unknown as it was not a child of this JVM.
     */
    static void assertFailedWithAnUnknownExit(DaemonController controller) {
        assertThat(controller.isRunning()).isFalse();
        DaemonStatus status = controller.status();
        assertThat(status.state()).isEqualTo(DaemonState.FAILED);
        assertThat(status.lastExit()).hasValueSatisfying(exit -> {
            assertThat(exit.isKnown()).isFalse();
            assertThat(exit).hasToString("exited, status unknown (not a child of this process)");
        });
    }

    /** Asserts that {@code failure} says the daemon answered but wrote its PID file elsewhere than {@code pidFile}. */
    static void assertPidFileWrittenElsewhere(StartException failure, Path pidFile) {
        assertThat(failure.reason()).isEqualTo(StartException.Reason.PID_FILE_MISMATCH);
        assertThat(failure.getMessage()).containsIgnoringCase("ping answers").contains(pidFile.toString());
    }
}
