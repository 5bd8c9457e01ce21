package io.daemoncontroller.boot.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStatus;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonStateChangedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationListener;

/**
 * Records the restarts the daemons' supervisors perform, from {@link DaemonStateChangedEvent}s: a daemon that
 * died enters BACKOFF (which says the cause), and its restart goes from BACKOFF to STARTING, then to RUNNING or,
 * when it fails, BACKOFF or FAILED. Each restart counts in {@code daemon.restarts} when it begins, and is timed in
 * {@code daemon.start} with trigger {@code supervisor} when it ends. A start someone asked for during the backoff,
 * which the daemon's status tells by its restart count starting over from 0, is neither (its operation is timed
 * where it was asked for).
 */
final class DaemonRestartMeters implements ApplicationListener<DaemonStateChangedEvent> {

    /** The {@code trigger} of a start that is a restart after a death. */
    private static final String SUPERVISOR = "supervisor";

    private final MeterRegistry registry;
    private final Map<String, RestartCause> pendingCauses = new ConcurrentHashMap<>();
    private final Map<String, Instant> restartsUnderWay = new ConcurrentHashMap<>();

    DaemonRestartMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(DaemonStateChangedEvent event) {
        String daemon = event.daemonName();
        DaemonStatus status = event.daemon().status();
        if (event.to() == DaemonState.BACKOFF) {
            pendingCauses.put(daemon, event.from() == DaemonState.STARTING ? RestartCause.START_FAILED
                    : RestartCause.ofDeath(status.lastExit()));
        }
        if (event.from() == DaemonState.BACKOFF && event.to() == DaemonState.STARTING) {
            RestartCause cause = pendingCauses.remove(daemon);
            if (status.restarts() > 0) {
                registry.counter(DaemonMetric.RESTARTS.metricName(), DaemonMetric.Tag.DAEMON.key(), daemon,
                        DaemonMetric.Tag.CAUSE.key(),
                        cause != null ? cause.tagValue() : RestartCause.UNKNOWN.tagValue()).increment();
                restartsUnderWay.put(daemon, event.at());
            }
        } else if (event.from() == DaemonState.STARTING) {
            Instant began = restartsUnderWay.remove(daemon);
            if (began != null) {
                Outcome outcome = event.to() == DaemonState.RUNNING ? Outcome.SUCCESS : Outcome.FAILURE;
                Timer.builder(DaemonMetric.START.metricName())
                        .tag(DaemonMetric.Tag.DAEMON.key(), daemon)
                        .tag(DaemonMetric.Tag.OUTCOME.key(), outcome.tagValue())
                        .tag(DaemonMetric.Tag.TRIGGER.key(), SUPERVISOR)
                        .register(registry)
                        .record(Duration.between(began, event.at()));
            }
        }
    }
}
