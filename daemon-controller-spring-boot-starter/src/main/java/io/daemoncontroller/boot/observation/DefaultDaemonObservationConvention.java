package io.daemoncontroller.boot.observation;

import java.util.Locale;

import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.observation.DaemonObservation.HighCardinalityKeys;
import io.daemoncontroller.boot.observation.DaemonObservation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The keys of {@link DaemonObservation}: low-cardinality {@code daemon}, {@code trigger}, {@code outcome} and
 * {@code error}; high-cardinality {@code pid} and {@code command}. The observation keeps its name
 * ({@code daemon.start}, ...), the timer's name; its contextual name, a span's name, is such as
 * {@code daemon start search}.
 *
 * @since 0.1.0
 */
public class DefaultDaemonObservationConvention implements DaemonObservationConvention {

    /** The {@code outcome} while the operation is under way (the {@code .active} long task timer's tag). */
    private static final String UNKNOWN = "unknown";

    private static final String NONE = "none";

    @Override
    public String getContextualName(DaemonObservationContext context) {
        return "daemon " + context.operation().name().toLowerCase(Locale.ROOT) + " " + context.daemon();
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(DaemonObservationContext context) {
        Outcome outcome = context.outcome();
        Throwable error = context.getError();
        return KeyValues.of(LowCardinalityKeys.DAEMON.withValue(context.daemon()),
                LowCardinalityKeys.TRIGGER.withValue(context.trigger().tagValue()),
                LowCardinalityKeys.OUTCOME.withValue(outcome != null ? outcome.tagValue() : UNKNOWN),
                LowCardinalityKeys.ERROR.withValue(error != null ? error.getClass().getSimpleName() : NONE));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(DaemonObservationContext context) {
        KeyValues values = KeyValues.of(HighCardinalityKeys.COMMAND.withValue(context.command()));
        return context.pid().isPresent()
                ? values.and(HighCardinalityKeys.PID.withValue(Long.toString(context.pid().getAsLong()))) : values;
    }
}
