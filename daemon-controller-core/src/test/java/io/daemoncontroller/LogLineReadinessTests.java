package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A start with a ready log line returns only once a daemon that listens at once has logged that line, in this
 * start: the test daemon listens at once and logs its ready line a while later.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class LogLineReadinessTests {

    private static final String READY = "ready to accept connections";

    private static final Duration LATE = Duration.ofMillis(1500);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void startReturnsOnlyOnceTheDaemonHasLoggedItsReadyLine() {
        DaemonController controller = sandbox.build(sandbox.controller(
                sandbox.daemon().readyLogMessage(READY, LATE).shellCommand()).readyLogLine(READY));

        controller.start();

        assertThat(sandbox.log()).contains(READY);
        assertThat(sandbox.echo("hello")).isEqualTo("hello");
    }

    @Test
    void theReadyLineOfAPreviousStartDoesNotCount() {
        DaemonController controller = sandbox.build(sandbox.controller(
                sandbox.daemon().readyLogMessage(READY, LATE).shellCommand()).readyLogLine(READY));
        controller.start();
        controller.stop();

        controller.start();

        assertThat(sandbox.log().lines().filter(line -> line.contains(READY))).hasSize(2);
    }

    @Test
    void aDaemonThatNeverLogsItsReadyLineTimesOutSayingItWasNotSeen() {
        Sandbox.write(sandbox.logFile, READY + " (an earlier start)\n");
        DaemonController controller = sandbox.controller().readyLogLine(Pattern.compile("^ready"))
                .startTimeout(Duration.ofSeconds(3)).build();

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(failure.reason()).isEqualTo(StartException.Reason.READY_LOG_LINE_NOT_SEEN);
        assertThat(failure.getMessage()).contains("ping " + controller.ping() + ": answers",
                "ready log line /^ready/ in " + sandbox.logFile + ": not seen since this start began");
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).as("the aborted daemon").isFalse();
    }
}
