package io.daemoncontroller;

import static io.daemoncontroller.DaemonState.BACKOFF;
import static io.daemoncontroller.DaemonState.RUNNING;
import static io.daemoncontroller.DaemonState.STARTING;
import static io.daemoncontroller.DaemonState.STOPPING;
import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.DaemonStateChange.Cause;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Liveness checks with real processes: a test daemon made to hang with {@code SIGSTOP} (its port still accepts
 * connections, the kernel completing them, but nothing echoes) is stopped with SIGKILL and started again under
 * {@code on-failure} and {@code always}, and left running, unresponsive, under {@code never}, until {@code SIGCONT}.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class LivenessTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private long hung = -1;

    @AfterEach
    void continueTheHungDaemon() {
        if (hung > 0 && TestProcesses.isAlive(hung)) {
            TestProcesses.signal("CONT", hung);
        }
    }

    @ParameterizedTest
    @EnumSource(value = RestartPolicy.class, names = {"ON_FAILURE", "ALWAYS"})
    void underOnFailureAndAlwaysAHungDaemonIsKilledAndStartedAgain(RestartPolicy policy) {
        DaemonController controller = sandbox.build(checked(policy));
        RecordingListener events = listen(controller);
        controller.start();
        long first = sandbox.daemonPid();

        Instant hungAt = hang(first);

        DaemonStateChange unresponsive = events.await("unresponsive", WAIT,
                change -> change.cause() == Cause.UNRESPONSIVE);
        DaemonStateChange backoff = events.await(BACKOFF, 1, WAIT);
        DaemonStateChange back = events.await("restarted", WAIT, change -> change.cause() == Cause.STARTED
                && change.status().restarts() == 1);
        assertThat(unresponsive.from()).isEqualTo(RUNNING);
        assertThat(unresponsive.to()).isEqualTo(RUNNING);
        assertThat(unresponsive.status().unresponsive()).isTrue();
        assertThat(unresponsive.status().healthy()).isFalse();
        assertThat(unresponsive.status().livenessFailures()).isEqualTo(2);
        assertThat(unresponsive.reason()).contains("2 liveness checks in a row failed");
        assertThat(backoff.cause()).isEqualTo(Cause.UNRESPONSIVE);
        assertThat(backoff.restartDelay()).isPresent();
        assertThat(events.states()).containsExactly(STARTING, RUNNING, RUNNING, STOPPING, BACKOFF, STARTING,
                RUNNING);
        assertThat(TestProcesses.isAlive(first)).as("the hung daemon, killed with SIGKILL").isFalse();
        assertThat(sandbox.startedPids()).hasSize(2);
        long second = sandbox.startedPids().get(1);
        assertThat(controller.pid()).hasValue(second);
        assertThat(sandbox.echo("back")).isEqualTo("back");
        DaemonStatus status = controller.status();
        assertThat(status.healthy()).isTrue();
        assertThat(status.livenessFailures()).isZero();
        assertThat(status.restarts()).isEqualTo(1);
        System.out.println("[liveness figures] hung daemon found unresponsive after "
                + Duration.between(hungAt, unresponsive.at()).toMillis() + " ms, killed and in BACKOFF after "
                + Duration.between(hungAt, backoff.at()).toMillis() + " ms, RUNNING again after "
                + Duration.between(hungAt, back.at()).toMillis() + " ms (" + policy + ", interval 100 ms, timeout 200 ms,"
                + " threshold 2, stopTimeout 500 ms)");
    }

    @Test
    void underNeverAHungDaemonStaysRunningUnresponsiveUntilItAnswersAgain() {
        DaemonController controller = sandbox.build(checked(RestartPolicy.NEVER));
        RecordingListener events = listen(controller);
        controller.start();
        long daemon = sandbox.daemonPid();

        hang(daemon);
        DaemonStateChange unresponsive = events.await("unresponsive", WAIT,
                change -> change.cause() == Cause.UNRESPONSIVE);
        Await.until("more failed checks counted", WAIT, () -> controller.status().livenessFailures() > 2);
        DaemonStatus status = controller.status();
        assertThat(status.state()).isEqualTo(RUNNING);
        assertThat(status.unresponsive()).isTrue();
        assertThat(status.healthy()).isFalse();
        assertThat(status.pid()).hasValue(daemon);
        assertThat(unresponsive.reason()).contains("left running (restart policy never)");

        TestProcesses.signal("CONT", daemon);
        DaemonStateChange recovered = events.await("answering again", WAIT,
                change -> change.cause() == Cause.RESPONSIVE_AGAIN);
        assertThat(recovered.from()).isEqualTo(RUNNING);
        assertThat(recovered.to()).isEqualTo(RUNNING);
        assertThat(controller.status().healthy()).isTrue();
        assertThat(controller.status().livenessFailures()).isZero();
        assertThat(controller.status().pid()).hasValue(daemon);
        assertThat(sandbox.startedPids()).containsExactly(daemon);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, RUNNING, RUNNING);
    }

    @Test
    void aLivenessFailureThresholdBelowOneIsRefused() {
        InvalidOptionException refused = catchThrowableOfType(InvalidOptionException.class,
                () -> sandbox.controller().livenessFailureThreshold(0));
        assertThat(refused.option()).isEqualTo("livenessFailureThreshold");
        assertThat(refused.value()).isEqualTo(0);
        assertThat(refused.getMessage()).startsWith(refused.identifier() + ": livenessFailureThreshold 0 must be 1"
                + " or more; use ").contains("leave livenessInterval unset");
    }

    private DaemonController.Builder checked(RestartPolicy policy) {
        return sandbox.controller()
                .daemonizeForMe(true)
                .startCommand(testDaemon().port(sandbox.port).countFile(sandbox.countFile).foregroundCommand())
                .restartPolicy(policy)
                .restartDelay(Duration.ofMillis(50))
                .stopTimeout(Duration.ofMillis(500))
                .livenessInterval(Duration.ofMillis(100))
                .livenessTimeout(Duration.ofMillis(200))
                .livenessFailureThreshold(2)
                .livenessPing(Ping.of(this::echoes));
    }

    /** Whether the daemon echoes a line: a hung daemon's port still accepts, but nothing answers. */
    private boolean echoes() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", sandbox.port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            return "ping".equals(new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8)).readLine());
        }
    }

    private Instant hang(long pid) {
        hung = pid;
        TestProcesses.signal("STOP", pid);
        return Instant.now();
    }

    private static RecordingListener listen(DaemonController controller) {
        RecordingListener events = new RecordingListener();
        controller.addListener(events);
        return events;
    }
}
