package io.daemoncontroller.boot.lifecycle;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;

import io.daemoncontroller.boot.ManagedDaemon;

/**
 * The start of the daemons described in properties, begun before the application context's refresh and run while
 * the refresh reads the application's configuration (parses configuration classes, scans components, evaluates
 * auto-configuration conditions).
 */
final class EarlyDaemonStart {

    static final String BEAN_NAME = "daemonControllerEarlyStart";

    private final List<ManagedDaemon> daemons;
    private final CompletableFuture<Void> start;
    private final Runnable handOver;

    private EarlyDaemonStart(List<ManagedDaemon> daemons, CompletableFuture<Void> start, Runnable handOver) {
        this.daemons = daemons;
        this.start = start;
        this.handOver = handOver;
    }

    /**
     * Begins starting {@code daemons} in the background, in threads from {@code threads}; {@code shutdown} waits
     * for the start before it stops them. {@code handOver} makes their events and observations reach the
     * context, when {@link #handOver()} is called.
     */
    static EarlyDaemonStart begin(List<ManagedDaemon> daemons, DaemonShutdown shutdown, ThreadFactory threads,
            Runnable handOver) {
        CompletableFuture<Void> start = new CompletableFuture<>();
        Thread thread = threads.newThread(() -> {
            try {
                DaemonStartup.start(daemons, shutdown, threads);
                start.complete(null);
            } catch (RuntimeException ex) {
                start.completeExceptionally(ex);
            }
        });
        thread.setName("daemon-controller-startup");
        shutdown.watch(daemons);
        shutdown.awaitBeforeStopping(start);
        thread.start();
        return new EarlyDaemonStart(daemons, start, handOver);
    }

    /** Whether {@code daemon} is started here, rather than with the context's lifecycle beans. */
    boolean starts(ManagedDaemon daemon) {
        return daemons.contains(daemon);
    }

    /**
     * Waits for the daemons' start.
     *
     * @throws DaemonStartupException when a daemon failed to start
     */
    void await() {
        try {
            start.join();
        } catch (CompletionException ex) {
            throw (RuntimeException) ex.getCause();
        }
    }

    /**
     * Publishes the events of the daemons so far, and from now on every one, to the context, and observes their
     * operations in its registry. Called when the context's lifecycle starts: every listener, {@code @EventListener}
     * methods included, then hears them.
     */
    void handOver() {
        handOver.run();
    }
}
