package io.daemoncontroller;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Notices a daemon's death once: at once for a child of this JVM, through its exit, with its status; for a daemon
 * that went into the background, by checking its pid every {@link #POLL_INTERVAL}, its exit
 * {@linkplain ProcessExit#unknown() unknown}. Anyone who finds the daemon gone sooner says so with
 * {@link #checkNow()}, which returns once the death is handled.
 */
final class DeathWatch {

    static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    /** How long a child gone from the process table may take to be reaped, which tells its status. */
    private static final Duration REAP_GRACE = Duration.ofSeconds(1);

    private final OsProcess daemon;
    private final CompletableFuture<Process> childExit;
    private final Consumer<ProcessExit> onDeath;
    private final AtomicBoolean done = new AtomicBoolean();
    private final CountDownLatch handled = new CountDownLatch(1);
    private volatile ScheduledFuture<?> poll;

    private DeathWatch(OsProcess daemon, CompletableFuture<Process> childExit, Consumer<ProcessExit> onDeath) {
        this.daemon = daemon;
        this.childExit = childExit;
        this.onDeath = onDeath;
    }

    /**
     * Watches {@code daemon}, a process this JVM started, through {@code childExit}, the future of its exit;
     * {@code onDeath} gets how it ended.
     */
    static DeathWatch ofChild(OsProcess daemon, CompletableFuture<Process> childExit, Consumer<ProcessExit> onDeath) {
        DeathWatch watch = new DeathWatch(daemon, childExit, onDeath);
        childExit.thenAccept(process -> watch.fire(ProcessExit.fromExitValue(process.exitValue())));
        return watch;
    }

    /** Watches {@code daemon} by polling on {@code scheduler}; {@code onDeath} gets an unknown exit. */
    static DeathWatch polling(OsProcess daemon, ScheduledExecutorService scheduler, Consumer<ProcessExit> onDeath) {
        DeathWatch watch = new DeathWatch(daemon, null, onDeath);
        long interval = POLL_INTERVAL.toNanos();
        watch.poll = scheduler.scheduleWithFixedDelay(watch::checkNow, interval, interval, TimeUnit.NANOSECONDS);
        return watch;
    }

    /** Handles the death now if the daemon is gone, and returns when it is handled; does nothing while it runs. */
    void checkNow() {
        if (done.get() || daemon.isRunning()) {
            return;
        }
        fire(childExit == null ? ProcessExit.unknown() : reapedExit());
        try {
            handled.await(REAP_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private ProcessExit reapedExit() {
        try {
            return ProcessExit.fromExitValue(childExit.get(REAP_GRACE.toNanos(), TimeUnit.NANOSECONDS)
                    .exitValue());
        } catch (TimeoutException | ExecutionException notReaped) {
            return ProcessExit.unknown();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return ProcessExit.unknown();
        }
    }

    /** Stops watching; {@code onDeath} is not called after this returns, unless it was already under way. */
    void cancel() {
        if (done.compareAndSet(false, true)) {
            handled.countDown();
        }
        cancelPoll();
    }

    private void fire(ProcessExit exit) {
        if (done.compareAndSet(false, true)) {
            try {
                cancelPoll();
                onDeath.accept(exit);
            } finally {
                handled.countDown();
            }
        }
    }

    private void cancelPoll() {
        ScheduledFuture<?> scheduled = poll;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
