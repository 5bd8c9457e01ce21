package io.daemoncontroller.boot.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStateChange;
import io.daemoncontroller.DaemonStateChange.Cause;
import io.daemoncontroller.boot.DaemonStateChangedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationListener;

/**
 * Counts the restarts the daemons' supervisors perform in {@link DaemonMeter#RESTARTS}, from their state changes:
 * a daemon that died, whose restart failed, or that was stopped as unresponsive, enters BACKOFF, and the change that restarts it (cause
 * {@link Cause#RESTARTING}) is counted with the cause of the BACKOFF before it.
 */
final class DaemonRestartCounter implements ApplicationListener<DaemonStateChangedEvent> {

    private final MeterRegistry registry;
    private final Map<String, RestartCause> pendingCauses = new ConcurrentHashMap<>();

    DaemonRestartCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(DaemonStateChangedEvent event) {
        DaemonStateChange change = event.change();
        if (change.to() == DaemonState.BACKOFF) {
            pendingCauses.put(event.daemonName(), change.cause() == Cause.RESTART_FAILED ? RestartCause.START_FAILED
                    : change.cause() == Cause.UNRESPONSIVE ? RestartCause.UNRESPONSIVE
                    : RestartCause.ofDeath(change.status().lastExit()));
        } else if (change.cause() == Cause.RESTARTING) {
            RestartCause cause = pendingCauses.remove(event.daemonName());
            registry.counter(DaemonMeter.RESTARTS.getName(), DaemonMeter.Keys.DAEMON.asString(), event.daemonName(),
                    DaemonMeter.Keys.CAUSE.asString(), (cause != null ? cause : RestartCause.UNKNOWN).tagValue())
                    .increment();
        }
    }
}
