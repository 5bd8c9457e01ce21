package io.daemoncontroller.boot.metrics;

import io.daemoncontroller.boot.DaemonOperationEvent;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationListener;

/**
 * Records the {@link DaemonMetric}s: a {@code daemon.up} gauge per daemon, registered up front, and timers and the
 * autostart counter from each {@link DaemonOperationEvent}.
 */
final class DaemonMeters implements ApplicationListener<DaemonOperationEvent> {

    private final MeterRegistry registry;

    DaemonMeters(MeterRegistry registry, Daemons daemons) {
        this.registry = registry;
        for (ManagedDaemon daemon : daemons.all()) {
            Gauge.builder(DaemonMetric.UP.metricName(), daemon, each -> each.state().isUp() ? 1 : 0)
                    .description("1 while the daemon runs, else 0")
                    .tag(DaemonMetric.Tag.DAEMON.key(), daemon.name())
                    .register(registry);
        }
    }

    @Override
    public void onApplicationEvent(DaemonOperationEvent event) {
        String daemon = event.daemon().name();
        Timer.builder(DaemonMetric.timerOf(event.operation()).metricName())
                .tag(DaemonMetric.Tag.DAEMON.key(), daemon)
                .tag(DaemonMetric.Tag.OUTCOME.key(), event.outcome().tagValue())
                .tag(DaemonMetric.Tag.TRIGGER.key(), event.trigger().tagValue())
                .register(registry)
                .record(event.duration());
        if (event.operation() == Operation.START && event.trigger() == Trigger.CONNECT_FAILURE
                && event.outcome() == Outcome.SUCCESS) {
            registry.counter(DaemonMetric.AUTOSTARTS.metricName(), DaemonMetric.Tag.DAEMON.key(), daemon)
                    .increment();
        }
    }
}
