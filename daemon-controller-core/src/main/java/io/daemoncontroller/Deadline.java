package io.daemoncontroller;

import java.time.Duration;

/** A point in time, on the monotonic clock, by which a wait gives up. */
final class Deadline {

    private final long startNanos;
    private final long endNanos;

    private Deadline(Duration timeout) {
        this.startNanos = System.nanoTime();
        this.endNanos = startNanos + timeout.toNanos();
    }

    static Deadline after(Duration timeout) {
        return new Deadline(timeout);
    }

    boolean hasPassed() {
        return System.nanoTime() - endNanos >= 0;
    }

    long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
