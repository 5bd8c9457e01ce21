package io.daemoncontroller.boot.observation;

import java.util.Objects;

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

    private final ObservationRegistry registry;
    private final @Nullable DaemonObservationConvention convention;

    /** Observations in {@code registry}, named by {@code convention}, or by the default one when it is null. */
    public DaemonObservations(ObservationRegistry registry, @Nullable DaemonObservationConvention convention) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.convention = convention;
    }

    /**
     * The observation of {@code context}'s operation, not started yet. Its parent is the registry's current
     * observation, if any: a start caused by a {@code @DaemonDependency} call in a traced request is a child span of
     * that request.
     */
    public Observation observation(DaemonObservationContext context) {
        return DaemonObservation.of(context.operation()).observation(convention, DEFAULT_CONVENTION, () -> context,
                registry);
    }
}
