package io.daemoncontroller.testsupport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition by polling it, a few milliseconds apart, until a deadline. Tests synchronize with this, never
 * with a fixed sleep.
 */
public final class Await {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Await() {
    }

    /**
     * Returns as soon as {@code condition} holds.
     *
     * @throws AssertionError naming {@code what} if it does not hold within {@code timeout}
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /**
     * Returns the first value {@code probe} yields.
     *
     * @throws AssertionError naming {@code what} if it yields none within {@code timeout}
     */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Waited " + timeout.toMillis() + " ms for " + what + ", in vain");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Whether {@code condition} holds throughout {@code window}, checked every few milliseconds: for asserting that
     * something does not happen.
     */
    public static boolean holdsThroughout(Duration window, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!condition.getAsBoolean()) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return condition.getAsBoolean();
    }
}
