package io.daemoncontroller.boot.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.context.SmartLifecycle;

/**
 * Starts, with the context's lifecycle beans, the daemons not started before the refresh: the application's own
 * {@code DaemonController} beans, the daemons that depend on them, and every daemon when the context was not
 * started by {@code SpringApplication} (so no {@link DaemonStartupListener} ran). They start all at once but each
 * after those it depends on, and are handed to the {@link DaemonShutdown}, which stops them after the beans are
 * destroyed. Its {@link #PHASE} comes before the web server's, and before lifecycle beans in the default phases
 * that may use the daemons (message listeners, schedulers), so the daemons are up before the application takes
 * traffic.
 */
final class DaemonLifecycle implements SmartLifecycle {

    /** Far below the web server's phases ({@code DEFAULT_PHASE - 2048} and {@code - 1024}) and below 0. */
    static final int PHASE = -1024;

    private final Daemons daemons;
    private final EarlyDaemonStart earlyStart;
    private final DaemonShutdown shutdown;
    private final ThreadFactory threads;
    private volatile boolean running;

    /**
     * Starts the daemons of {@code daemons} that {@code earlyStart}, if not {@code null}, did not start, each in a
     * thread of its own from {@code threads}.
     */
    DaemonLifecycle(Daemons daemons, EarlyDaemonStart earlyStart, DaemonShutdown shutdown, ThreadFactory threads) {
        this.daemons = daemons;
        this.earlyStart = earlyStart;
        this.shutdown = shutdown;
        this.threads = threads;
    }

    @Override
    public void start() {
        running = true;
        if (earlyStart != null) {
            earlyStart.handOver();
        }
        List<ManagedDaemon> due = new ArrayList<>();
        for (ManagedDaemon daemon : daemons.all()) {
            if (earlyStart == null || !earlyStart.starts(daemon)) {
                due.add(daemon);
            }
        }
        shutdown.watch(due);
        DaemonStartup.start(due, shutdown, threads);
    }

    /** Stops nothing: the daemons are stopped after the beans that use them are destroyed. */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
