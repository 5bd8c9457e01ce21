package io.daemoncontroller.boot.lifecycle;

import io.daemoncontroller.boot.observation.DaemonObservationConvention;
import io.daemoncontroller.boot.observation.DaemonObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The observations of daemons built before the application context has its {@link ObservationRegistry}: none
 * until the context's lifecycle starts, then in the context's registry, named by its
 * {@link DaemonObservationConvention} if it has one, for as long as the context is active.
 */
final class LateObservations implements DaemonObservations.Source {

    private final ConfigurableApplicationContext context;
    private volatile boolean ready;

    LateObservations(ConfigurableApplicationContext context) {
        this.context = context;
    }

    DaemonObservations observations() {
        return DaemonObservations.resolvedOnUse(this);
    }

    /** Observes in the context's registry from now on. */
    void ready() {
        ready = true;
    }

    @Override
    public ObservationRegistry registry() {
        return usable()
                ? context.getBeanProvider(ObservationRegistry.class).getIfAvailable(() -> ObservationRegistry.NOOP)
                : ObservationRegistry.NOOP;
    }

    @Override
    public DaemonObservationConvention convention() {
        return usable() ? context.getBeanProvider(DaemonObservationConvention.class).getIfAvailable() : null;
    }

    private boolean usable() {
        return ready && context.isActive();
    }
}
