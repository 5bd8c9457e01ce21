package io.daemoncontroller;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Notices a daemon's death once: at once for a child of this JVM, through its exit, with its status; for a daemon
 * that went into the background, by checking its pid every {@link #POLL_INTERVAL}, without a status.
 */
final class DeathWatch {

    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> poll;

    private DeathWatch() {
    }

    /** Watches {@code child}, a process this JVM started; {@code onDeath} gets its exit. */
    static DeathWatch ofChild(Process child, Consumer<ProcessExit> onDeath) {
        DeathWatch watch = new DeathWatch();
        child.onExit().thenAccept(process -> watch.fire(onDeath, ProcessExit.fromExitValue(process.exitValue())));
        return watch;
    }

    /** Watches {@code daemon} by polling on {@code scheduler}; {@code onDeath} gets {@code null}, the exit unknown. */
    static DeathWatch polling(OsProcess daemon, ScheduledExecutorService scheduler, Consumer<ProcessExit> onDeath) {
        DeathWatch watch = new DeathWatch();
        long interval = POLL_INTERVAL.toNanos();
        watch.poll = scheduler.scheduleWithFixedDelay(() -> {
            if (!daemon.isRunning()) {
                watch.fire(onDeath, null);
            }
        }, interval, interval, TimeUnit.NANOSECONDS);
        return watch;
    }

    /** Stops watching; {@code onDeath} is not called after this returns, unless it was already under way. */
    void cancel() {
        done.set(true);
        cancelPoll();
    }

    private void fire(Consumer<ProcessExit> onDeath, ProcessExit exit) {
        if (done.compareAndSet(false, true)) {
            cancelPoll();
            onDeath.accept(exit);
        }
    }

    private void cancelPoll() {
        ScheduledFuture<?> scheduled = poll;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
