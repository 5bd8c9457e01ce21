package io.daemoncontroller.boot.metrics;

import io.daemoncontroller.DaemonStateChange.Cause;
import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.DaemonStateChangedEvent;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationListener;

/**
 * Counts in {@link DaemonMeter#LIVENESS_FAILURES} each time a running daemon becomes unresponsive: the change from
 * RUNNING to RUNNING with cause {@link Cause#UNRESPONSIVE}.
 */
final class DaemonLivenessFailureCounter implements ApplicationListener<DaemonStateChangedEvent> {

    private final MeterRegistry registry;

    DaemonLivenessFailureCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(DaemonStateChangedEvent event) {
        if (event.change().cause() == Cause.UNRESPONSIVE && event.to() == DaemonState.RUNNING) {
            registry.counter(DaemonMeter.LIVENESS_FAILURES.getName(), DaemonMeter.Keys.DAEMON.asString(),
                    event.daemonName()).increment();
        }
    }
}
