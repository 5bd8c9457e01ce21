package io.daemoncontroller;

import java.time.Duration;
import java.util.Objects;

/** Checks and converts the durations that bound the controller's waits. */
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

    static int toMillis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
