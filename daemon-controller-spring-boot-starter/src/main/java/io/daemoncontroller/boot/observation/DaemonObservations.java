package io.daemoncontroller.boot.observation;

import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link DaemonObservation}s in an {@link ObservationRegistry}, named by the application's
 * {@link DaemonObservationConvention} if it has one, else by {@link DefaultDaemonObservationConvention}.
 *
 * @since 0.1.0
 */
public final class DaemonObservations {

    /** Observes nothing. */
    public static final DaemonObservations NONE = new DaemonObservations(ObservationRegistry.NOOP, null);

    private static final DaemonObservationConvention DEFAULT_CONVENTION = new DefaultDaemonObservationConvention();

    private final Supplier<ObservationRegistry> registry;
    private final Supplier<@Nullable DaemonObservationConvention> convention;

    /** Observations in {@code registry}, named by {@code convention}, or by the default one when it is null. */
    public DaemonObservations(ObservationRegistry registry, @Nullable DaemonObservationConvention convention) {
        Objects.requireNonNull(registry, "registry");
        this.registry = () -> registry;
        this.convention = () -> convention;
    }

    private DaemonObservations(Supplier<ObservationRegistry> registry,
            Supplier<@Nullable DaemonObservationConvention> convention) {
        this.registry = registry;
        this.convention = convention;
    }

    /**
     * Observations in the registry, named by the convention, that {@code registry} and {@code convention} give when
     * an operation is observed: for daemons that exist before the application context has its registry.
     */
    public static DaemonObservations resolvedOnUse(Supplier<ObservationRegistry> registry,
            Supplier<@Nullable DaemonObservationConvention> convention) {
        return new DaemonObservations(registry, convention);
    }

    /**
     * Whether an operation would be observed now: false while there is no registry (before the application context
     * has one, or when the application has none) or the registry has no handler. Then no timer comes from it.
     */
    public boolean canObserve() {
        return !registry.get().isNoop();
    }

    /**
     * The observation of {@code context}'s operation, not started yet. Its parent is the registry's current
     * observation, if any: a start caused by a {@code @DaemonDependency} call in a traced request is a child span of
     * that request.
     */
    public Observation observation(DaemonObservationContext context) {
        return DaemonObservation.of(context.operation()).observation(convention.get(), DEFAULT_CONVENTION,
                () -> context, registry.get());
    }
}
