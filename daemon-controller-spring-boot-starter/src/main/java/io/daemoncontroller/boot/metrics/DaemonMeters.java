package io.daemoncontroller.boot.metrics;

import io.daemoncontroller.boot.DaemonOperationEvent;
import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.observation.DaemonObservation;
import io.daemoncontroller.boot.observation.DaemonObservation.LowCardinalityKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationListener;

/**
 * Registers, for each daemon and up front (so that a query for any of them answers from the start), the
 * {@link DaemonMeter#UP} gauge and the {@link DaemonMeter#AUTOSTARTS} counter, which counts from each
 * {@link DaemonOperationEvent}; and times the operations that could not be observed.
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
        if (!event.isObserved()) {
            timeUnobserved(event);
        }
        if (event.operation() == Operation.START && event.trigger() == Trigger.CONNECT_FAILURE
                && event.outcome() == Outcome.SUCCESS) {
            autostarts(event.daemon().name()).increment();
        }
    }

    /**
     * Records an operation that could not be observed (it ran before the application context had its
     * {@code ObservationRegistry}, such as a start at startup) in the timer its observation would have given, with
     * the same tags, so that the timer counts every operation.
     */
    private void timeUnobserved(DaemonOperationEvent event) {
        Timer.builder(DaemonObservation.of(event.operation()).getName())
                .tag(LowCardinalityKeys.DAEMON.asString(), event.daemon().name())
                .tag(LowCardinalityKeys.TRIGGER.asString(), event.trigger().tagValue())
                .tag(LowCardinalityKeys.OUTCOME.asString(), event.outcome().tagValue())
                .tag(LowCardinalityKeys.ERROR.asString(), event.failure()
                        .map(failure -> failure.getClass().getSimpleName()).orElse("none"))
                .register(registry)
                .record(event.duration());
    }

    private Counter autostarts(String daemon) {
        return Counter.builder(DaemonMeter.AUTOSTARTS.getName())
                .description("Starts caused by a @DaemonDependency call that could not connect")
                .tag(DaemonMeter.Keys.DAEMON.asString(), daemon)
                .register(registry);
    }
}
