package io.daemoncontroller.boot.metrics;

import io.daemoncontroller.boot.DaemonOperationEvent;
import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationListener;

/**
 * Registers, for each daemon and up front (so that a query for any of them answers from the start), the
 * {@link DaemonMeter#UP} gauge and the {@link DaemonMeter#AUTOSTARTS} counter, which counts from each
 * {@link DaemonOperationEvent}.
 */
final class DaemonMeters implements ApplicationListener<DaemonOperationEvent> {

    private final MeterRegistry registry;

    DaemonMeters(MeterRegistry registry, Daemons daemons) {
        this.registry = registry;
        for (ManagedDaemon daemon : daemons.all()) {
            Gauge.builder(DaemonMeter.UP.getName(), daemon, each -> each.state().isUp() ? 1 : 0)
                    .description("1 while the daemon runs, else 0")
                    .tag(DaemonMeter.Keys.DAEMON.asString(), daemon.name())
                    .register(registry);
            autostarts(daemon.name());
        }
    }

    @Override
    public void onApplicationEvent(DaemonOperationEvent event) {
        if (event.operation() == Operation.START && event.trigger() == Trigger.CONNECT_FAILURE
                && event.outcome() == Outcome.SUCCESS) {
            autostarts(event.daemon().name()).increment();
        }
    }

    private Counter autostarts(String daemon) {
        return Counter.builder(DaemonMeter.AUTOSTARTS.getName())
                .description("Starts caused by a @DaemonDependency call that could not connect")
                .tag(DaemonMeter.Keys.DAEMON.asString(), daemon)
                .register(registry);
    }
}
