package io.daemoncontroller;

import java.time.Duration;
import java.util.Objects;

/** Checks, converts and formats the durations that bound the controller's waits. */
final class Timeouts {

    private Timeouts() {
    }

    static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, not " + duration);
        }
        return duration;
    }

    /** {@code 30s}, {@code 1m}, {@code 250ms}: how a duration reads in a message. */
    static String format(Duration duration) {
        return duration.toString().substring(2).toLowerCase();
    }

    static int toMillis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
