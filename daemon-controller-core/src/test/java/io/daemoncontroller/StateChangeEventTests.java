package io.daemoncontroller;

import static io.daemoncontroller.DaemonState.RUNNING;
import static io.daemoncontroller.DaemonState.STARTING;
import static io.daemoncontroller.DaemonState.STOPPED;
import static io.daemoncontroller.DaemonState.STOPPING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The listener API: every state change, in order, to every listener, whatever the others do. */
@ExtendWith(NoLeftoverTestDaemons.class)
class StateChangeEventTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();
    DaemonController controller;

    @AfterEach
    void stopEverything() {
        try {
            if (controller != null) {
                controller.stop();
            }
        } finally {
            sandbox.killEverything();
        }
    }

    @Test
    void aListenerHearsEveryChangeInOrderWithItsReason() {
        controller = sandbox.controller().build();
        RecordingListener events = new RecordingListener();
        controller.addListener(events);

        controller.start();
        controller.stop();
        controller.start();
        controller.restart();

        events.await(RUNNING, 3, WAIT);
        List<DaemonStateChange> changes = events.changes();
        assertThat(changes).extracting(change -> change.from() + "->" + change.to()).containsExactly(
                "STOPPED->STARTING", "STARTING->RUNNING", "RUNNING->STOPPING", "STOPPING->STOPPED",
                "STOPPED->STARTING", "STARTING->RUNNING",
                "RUNNING->STOPPING", "STOPPING->STOPPED", "STOPPED->STARTING", "STARTING->RUNNING");
        assertThat(changes).extracting(DaemonStateChange::identifier).containsOnly(controller.identifier());
        assertThat(changes.get(0).reason()).isEqualTo("start requested");
        assertThat(changes.get(1).reason()).contains("started").contains(Long.toString(sandbox.startedPids().get(0)));
        assertThat(changes.get(2).reason()).isEqualTo("stop requested");
        assertThat(changes.get(3).reason()).isEqualTo("stopped on request");
        Instant previous = Instant.MIN;
        for (DaemonStateChange change : changes) {
            assertThat(change.at()).as("at of %s", change).isAfterOrEqualTo(previous);
            previous = change.at();
        }
        DaemonStatus status = controller.status();
        assertThat(status.state()).isEqualTo(RUNNING);
        assertThat(status.since()).isEqualTo(changes.get(changes.size() - 1).at());
        assertThat(status.lastStartDuration()).isPresent();
        assertThat(status.uptime()).isPresent();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthers() {
        controller = sandbox.controller().build();
        RecordingListener before = new RecordingListener();
        RecordingListener after = new RecordingListener();
        controller.addListener(before);
        controller.addListener(change -> {
            throw new IllegalStateException("a listener that fails on " + change);
        });
        controller.addListener(after);

        controller.start();
        controller.stop();

        after.await(STOPPED, 1, WAIT);
        assertThat(before.states()).containsExactly(STARTING, RUNNING, STOPPING, STOPPED);
        assertThat(after.states()).containsExactly(STARTING, RUNNING, STOPPING, STOPPED);
    }

    @Test
    void aSlowListenerDelaysNeitherTheDaemonNorTheOrderOfEvents() throws Exception {
        controller = sandbox.controller().build();
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener slow = new RecordingListener();
        controller.addListener(change -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            slow.stateChanged(change);
        });

        controller.start();
        assertThat(controller.status().state()).isEqualTo(RUNNING);
        assertThat(sandbox.echo("not held up")).isEqualTo("not held up");
        controller.stop();
        assertThat(slow.changes()).isEmpty();

        release.countDown();
        slow.await(STOPPED, 1, WAIT);
        assertThat(slow.states()).containsExactly(STARTING, RUNNING, STOPPING, STOPPED);
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        controller = sandbox.controller().build();
        RecordingListener removed = new RecordingListener();
        RecordingListener kept = new RecordingListener();
        controller.addListener(removed);
        controller.addListener(kept);
        controller.start();
        kept.await(RUNNING, 1, WAIT);
        removed.await(RUNNING, 1, WAIT);

        controller.removeListener(removed);
        controller.stop();

        kept.await(STOPPED, 1, WAIT);
        assertThat(removed.states()).containsExactly(STARTING, RUNNING);
    }

    @Test
    void aFailedStartIsAChangeBackToStoppedWithTheError() {
        controller = sandbox.controller(sandbox.daemon().crashBeforeListen(4).shellCommand()).build();
        RecordingListener events = new RecordingListener();
        controller.addListener(events);

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotNull();
        DaemonStateChange failed = events.await(STOPPED, 1, WAIT);
        assertThat(failed.from()).isEqualTo(STARTING);
        assertThat(failed.reason()).isEqualTo("start failed");
        assertThat(events.states()).containsExactly(STARTING, STOPPED);
        assertThat(controller.status().state()).isEqualTo(STOPPED);
        assertThat(controller.status().lastError()).hasValue(failure.getMessage());
        assertThat(Await.holdsThroughout(Duration.ofMillis(300), () -> events.changes().size() == 2)).isTrue();
    }

    @Test
    void stateChangesWithoutAListenerAreStillTracked() {
        controller = sandbox.controller().build();

        controller.start();
        assertThat(controller.status().state()).isEqualTo(RUNNING);
        assertThat(controller.status().restarts()).isZero();
        controller.stop();
        assertThat(controller.status().state()).isEqualTo(STOPPED);
        assertThat(controller.status().uptime()).isEmpty();
    }

    @Test
    void theStatusBeforeAnyStartIsStopped() {
        controller = sandbox.controller().build();

        DaemonStatus status = controller.status();

        assertThat(status.state()).isEqualTo(STOPPED);
        assertThat(status.lastExit()).isEmpty();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.restarts()).isZero();
        assertThat(controller.restartPolicy()).isEqualTo(RestartPolicy.NEVER);
    }
}
