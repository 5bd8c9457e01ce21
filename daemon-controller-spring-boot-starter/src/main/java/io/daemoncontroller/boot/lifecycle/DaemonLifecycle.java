package io.daemoncontroller.boot.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the daemons whose lifecycle says so when the application starts, all at once but each after those it
 * depends on, and stops those it started whose lifecycle says so when the application stops, each before those it
 * depends on. A daemon stopped here is stopped on purpose: it is not restarted. Its {@link #PHASE} comes before
 * the web server's, and before lifecycle beans in the default phases that may use the daemons (message listeners,
 * schedulers), so the daemons are up before the application takes traffic and stopped only after it has shut down
 * gracefully.
 */
final class DaemonLifecycle implements SmartLifecycle, DisposableBean {

    /** Far below the web server's phases ({@code DEFAULT_PHASE - 2048} and {@code - 1024}) and below 0. */
    static final int PHASE = -1024;

    private static final Logger logger = LoggerFactory.getLogger(DaemonLifecycle.class);

    private final Daemons daemons;
    private final ThreadFactory threads;
    private volatile boolean running;

    /** Starts and stops {@code daemons}, each in a thread of its own from {@code threads}. */
    DaemonLifecycle(Daemons daemons, ThreadFactory threads) {
        this.daemons = daemons;
        this.threads = threads;
    }

    @Override
    public void start() {
        running = true;
        Map<ManagedDaemon, RuntimeException> failures = ParallelDaemonTasks.run(daemons.all(), "start",
                DaemonOrder.DEPENDENCIES_FIRST, threads, DaemonLifecycle::startOrFind);
        if (!failures.isEmpty()) {
            stop();
            throw new DaemonStartupException(failures);
        }
    }

    /**
     * Starts a daemon due at startup; for an on-demand one, asks for its pid, so that the controller notices it if
     * it already runs and reports its state. A daemon with lifecycle none is watched through its ping alone.
     */
    private static void startOrFind(ManagedDaemon daemon) {
        if (daemon.lifecycle().shouldStartAtStartup()) {
            daemon.start(Trigger.STARTUP);
        } else if (daemon.lifecycle().isControlled()) {
            daemon.controller().pid();
        }
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        List<ManagedDaemon> due = daemons.all().stream()
                .filter(daemon -> daemon.lifecycle().shouldStopAtShutdown() && daemon.isStartedByThisApplication())
                .toList();
        ParallelDaemonTasks.run(due, "stop", DaemonOrder.DEPENDENTS_FIRST, threads,
                daemon -> daemon.stop(Trigger.SHUTDOWN))
                .forEach((daemon, failure) -> logger.warn("Daemon '{}' failed to stop", daemon.name(), failure));
    }

    /** Stops the daemons also when the application failed to start after this lifecycle started. */
    @Override
    public void destroy() {
        stop();
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
