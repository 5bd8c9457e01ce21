package io.daemoncontroller.boot.lifecycle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.ManagedDaemon;

/**
 * Starts the daemons whose lifecycle says so, all at once but each after those it depends on. When one fails,
 * stops those it started and throws a {@link DaemonStartupException} with every failure.
 */
final class DaemonStartup {

    private DaemonStartup() {
    }

    /**
     * Starts those of {@code daemons} due at startup, and looks up the pid of the on-demand ones, so that the
     * controller notices one that already runs. A daemon with lifecycle none is watched through its ping alone.
     *
     * Each daemon starts in a thread of its own from {@code threads}.
     *
     * @throws DaemonStartupException when one failed to start, after stopping through {@code shutdown} those of
     * {@code daemons} this call started
     */
    static void start(List<ManagedDaemon> daemons, DaemonShutdown shutdown, ThreadFactory threads) {
        if (daemons.isEmpty()) {
            return;
        }
        Map<ManagedDaemon, RuntimeException> failures = ParallelDaemonTasks.run(daemons, "start",
                DaemonOrder.DEPENDENCIES_FIRST, threads, DaemonStartup::startOrFind);
        if (!failures.isEmpty()) {
            shutdown.stop(daemons);
            throw new DaemonStartupException(failures);
        }
    }

    private static void startOrFind(ManagedDaemon daemon) {
        if (daemon.lifecycle().shouldStartAtStartup()) {
            daemon.start(Trigger.STARTUP);
        } else if (daemon.lifecycle().isControlled()) {
            daemon.controller().pid();
        }
    }
}
