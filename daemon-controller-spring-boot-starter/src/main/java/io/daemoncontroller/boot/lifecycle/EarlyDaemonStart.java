package io.daemoncontroller.boot.lifecycle;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadFactory;

import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.autoconfigure.ConfiguredDaemons;

/**
 * The start of the daemons described in properties, begun before the application context's refresh and run while
 * the refresh reads the application's configuration (parses configuration classes, scans components, evaluates
 * auto-configuration conditions).
 */
final class EarlyDaemonStart {

    static final String BEAN_NAME = "daemonControllerEarlyStart";

    private final ConfiguredDaemons daemons;
    private final CompletableFuture<Void> start;
    private final Runnable handOver;

    private EarlyDaemonStart(ConfiguredDaemons daemons, CompletableFuture<Void> start, Runnable handOver) {
        this.daemons = daemons;
        this.start = start;
        this.handOver = handOver;
    }

    /**
     * Begins building {@code daemons} and starting them in the background, in threads from {@code threads}, so that
     * neither binding their properties nor loading the classes that control them holds up the refresh;
     * {@code shutdown} waits for the start before it stops them. {@code handOver} makes their events and observations reach the
     * context, when {@link #handOver()} is called.
     */
    static EarlyDaemonStart begin(ConfiguredDaemons daemons, DaemonShutdown shutdown, ThreadFactory threads,
            Runnable handOver) {
        CompletableFuture<Void> start = new CompletableFuture<>();
        Thread thread = threads.newThread(() -> {
            try {
                List<ManagedDaemon> built = daemons.all();
                shutdown.watch(built);
                DaemonStartup.start(built, shutdown, threads);
                start.complete(null);
            } catch (RuntimeException | Error ex) {
                start.completeExceptionally(ex);
            }
        });
        thread.setName("daemon-controller-startup");
        shutdown.awaitBeforeStopping(start);
        thread.start();
        return new EarlyDaemonStart(daemons, start, handOver);
    }

    /** Whether {@code daemon} is started here, rather than with the context's lifecycle beans. */
    boolean starts(ManagedDaemon daemon) {
        return daemons.all().contains(daemon);
    }

    /**
     * Waits for the daemons' start.
     *
     * @throws DaemonStartupException when a daemon failed to start
     * @throws io.daemoncontroller.boot.autoconfigure.InvalidDaemonPropertyException when a daemon's entry is
     * invalid
     */
    void await() {
        try {
            start.join();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
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
