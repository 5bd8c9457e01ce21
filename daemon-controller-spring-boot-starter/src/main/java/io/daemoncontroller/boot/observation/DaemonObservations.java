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

    private final Source source;

    /** Observations in {@code registry}, named by {@code convention}, or by the default one when it is null. */
    public DaemonObservations(ObservationRegistry registry, @Nullable DaemonObservationConvention convention) {
        this(new Fixed(Objects.requireNonNull(registry, "registry"), convention));
    }

    private DaemonObservations(Source source) {
        this.source = source;
    }

    /**
     * Observations in the registry, named by the convention, that {@code source} gives when an operation is
     * observed: for daemons that exist before the application context has its registry.
     */
    public static DaemonObservations resolvedOnUse(Source source) {
        return new DaemonObservations(source);
    }

    /**
     * Whether an operation would be observed now: false while there is no registry (before the application context
     * has one, or when the application has none) or the registry has no handler. Then no timer comes from it.
     */
    public boolean canObserve() {
        return !source.registry().isNoop();
    }

    /**
     * The observation of {@code context}'s operation, not started yet. Its parent is the registry's current
     * observation, if any: a start caused by a {@code @DaemonDependency} call in a traced request is a child span of
     * that request.
     */
    public Observation observation(DaemonObservationContext context) {
        return DaemonObservation.of(context.operation()).observation(source.convention(), DEFAULT_CONVENTION,
                () -> context, source.registry());
    }

    /**
     * Where observations are made and what names them, asked each time an operation is observed.
     *
     * @since 0.1.0
     */
    public interface Source {

        /** The registry to observe in; {@link ObservationRegistry#NOOP} to observe nothing. */
        ObservationRegistry registry();

        /** The application's convention; {@code null} for the default one. */
        @Nullable DaemonObservationConvention convention();
    }

    private record Fixed(ObservationRegistry registry, @Nullable DaemonObservationConvention convention)
            implements Source {
    }
}
