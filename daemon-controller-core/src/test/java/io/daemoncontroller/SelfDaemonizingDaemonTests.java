package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A daemon that forks, calls {@code setsid} and loses its parent within a millisecond ({@code setsid -f}): no poll
 * of the process tree sees it as the start command's child.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class SelfDaemonizingDaemonTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void endsADaemonThatForkedIntoASessionOfItsOwnAndWritesAnotherPidFileWhenTheStartTimesOut() {
        String daemon = sandbox.daemon().pidFile(sandbox.dir.resolve("the-daemon-writes-this.pid"))
                .foregroundShellCommand();
        DaemonController controller = sandbox.build(sandbox.controller("setsid -f " + daemon
                + " >/dev/null 2>&1 </dev/null")
                .startTimeout(Duration.ofSeconds(4)));

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.leftovers()).isEmpty();
        assertThat(failure.reason()).isEqualTo(StartException.Reason.PID_FILE_MISMATCH);
        assertThat(failure.getMessage()).containsIgnoringCase("ping answers").contains(sandbox.pidFile.toString());
    }

    @Test
    void startsAndStopsADaemonThatForkedIntoASessionOfItsOwn() {
        DaemonController controller = sandbox.build(sandbox.controller("setsid -f "
                + sandbox.daemon().foregroundShellCommand() + " >/dev/null 2>&1 </dev/null"));

        controller.start();

        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
        assertThat(sandbox.leftovers()).isEmpty();
    }
}
