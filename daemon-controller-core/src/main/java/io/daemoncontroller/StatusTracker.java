package io.daemoncontroller;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a daemon's {@link DaemonStatus} and tells listeners of every state change, in order, on a thread of its
 * own (started at the first change that has a listener to hear it).
 */
final class StatusTracker {

    private static final Logger logger = LoggerFactory.getLogger(DaemonController.class);

    private final String identifier;
    private final List<DaemonListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DaemonStatus status = DaemonStatus.initial();
    private ExecutorService delivery;

    StatusTracker(String identifier) {
        this.identifier = identifier;
    }

    DaemonStatus current() {
        return status;
    }

    void addListener(DaemonListener listener) {
        listeners.add(listener);
    }

    void removeListener(DaemonListener listener) {
        listeners.remove(listener);
    }

    /** A start that someone asked for: restarts count from zero again. */
    synchronized void startingOnRequest() {
        set(status.entering(DaemonState.STARTING).withRestarts(0), "start requested");
    }

    /** A restart after a death. */
    synchronized void restarting(String reason) {
        set(status.entering(DaemonState.STARTING).withRestarts(status.restarts() + 1), reason);
    }

    /** Started by this controller, in {@code startDuration}. */
    synchronized void started(long pid, Duration startDuration) {
        set(status.entering(DaemonState.RUNNING).withPid(pid).withStartDuration(startDuration),
                "started (pid " + pid + ")");
    }

    /** Found running, started by someone else or left running after a failed stop. */
    synchronized void foundRunning(long pid, String reason) {
        set(status.entering(DaemonState.RUNNING).withPid(pid), reason);
    }

    synchronized void failedToStart(String error) {
        set(status.entering(DaemonState.STOPPED).withError(error), "start failed");
    }

    synchronized void stopping() {
        set(status.entering(DaemonState.STOPPING), "stop requested");
    }

    synchronized void stopped(String reason) {
        set(status.entering(DaemonState.STOPPED), reason);
    }

    /** The daemon ended without being asked to, and is now in {@code next}: BACKOFF, FAILED or STOPPED. */
    synchronized void died(ProcessExit exit, DaemonState next, String reason) {
        DaemonStatus dead = status.entering(next).withExit(exit);
        set(next == DaemonState.FAILED ? dead.withError(reason) : dead, reason);
    }

    /**
     * A restart after a death failed to start the daemon, which ended with {@code exit} if it got that far; it is
     * now in {@code next}: BACKOFF or FAILED.
     */
    synchronized void restartFailed(DaemonState next, ProcessExit exit, String error, String reason) {
        DaemonStatus failed = status.entering(next).withError(error);
        set(exit == null ? failed : failed.withExit(exit), reason);
    }

    private void set(DaemonStatus next, String reason) {
        DaemonStatus previous = status;
        status = next;
        if (previous.state() == next.state()) {
            return;
        }
        logger.debug("{}: {} -> {} ({})", identifier, previous.state(), next.state(), reason);
        if (!listeners.isEmpty()) {
            DaemonStateChange change = new DaemonStateChange(identifier, previous.state(), next.state(), reason,
                    next.since());
            delivery().execute(() -> deliver(change));
        }
    }

    private void deliver(DaemonStateChange change) {
        for (DaemonListener listener : listeners) {
            try {
                listener.stateChanged(change);
            } catch (RuntimeException ex) {
                logger.warn("A listener of {} failed on {}", identifier, change, ex);
            }
        }
    }

    private ExecutorService delivery() {
        if (delivery == null) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, Supervisor.IDLE_THREAD_LIFETIME.toNanos(),
                    TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), runnable -> {
                        Thread thread = new Thread(runnable, "daemon-controller-events-" + identifier);
                        thread.setDaemon(true);
                        return thread;
                    });
            executor.allowCoreThreadTimeOut(true);
            delivery = executor;
        }
        return delivery;
    }
}
