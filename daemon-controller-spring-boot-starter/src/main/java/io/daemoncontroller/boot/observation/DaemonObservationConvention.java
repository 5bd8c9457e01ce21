package io.daemoncontroller.boot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the keys and values of the {@link DaemonObservation}s. Declare a bean of this type to replace
 * {@link DefaultDaemonObservationConvention}, typically by extending it; a {@code GlobalObservationConvention} for
 * {@link DaemonObservationContext} registered with the {@code ObservationRegistry} also works. Keep the timers' tags
 * low-cardinality: a pid or a command is for spans ({@code getHighCardinalityKeyValues}).
 *
 * @since 0.1.0
 */
public interface DaemonObservationConvention extends ObservationConvention<DaemonObservationContext> {

    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof DaemonObservationContext;
    }
}
