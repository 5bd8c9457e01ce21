package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    private volatile DaemonStatus status = new DaemonStatus(DaemonState.STOPPED, Instant.now(), Optional.empty(), 0,
            Optional.empty(), Optional.empty());
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

    synchronized void starting(String reason) {
        set(status.state() == DaemonState.BACKOFF ? with(DaemonState.STARTING, status.restarts() + 1)
                : with(DaemonState.STARTING, status.restarts()), reason);
    }

    /** A start that someone asked for: restarts count from zero again. */
    synchronized void startingOnRequest() {
        set(with(DaemonState.STARTING, 0), "start requested");
    }

    synchronized void running(String reason, Duration startDuration) {
        DaemonStatus next = with(DaemonState.RUNNING, status.restarts());
        set(new DaemonStatus(next.state(), next.since(), next.lastExit(), next.restarts(), next.lastError(),
                startDuration == null ? status.lastStartDuration() : Optional.of(startDuration)), reason);
    }

    synchronized void failedToStart(String error) {
        set(withError(DaemonState.STOPPED, error), "start failed");
    }

    synchronized void stopping() {
        set(with(DaemonState.STOPPING, status.restarts()), "stop requested");
    }

    synchronized void stopped(String reason) {
        set(with(DaemonState.STOPPED, status.restarts()), reason);
    }

    /** The daemon ended without being asked to, and is now in {@code next}: BACKOFF, FAILED or STOPPED. */
    synchronized void died(ProcessExit exit, DaemonState next, String reason) {
        DaemonStatus base = next == DaemonState.FAILED ? withError(next, reason) : with(next, status.restarts());
        set(new DaemonStatus(base.state(), base.since(), exit == null ? Optional.empty() : Optional.of(exit),
                base.restarts(), base.lastError(), base.lastStartDuration()), reason);
    }

    /** A restart after a death failed to start the daemon; it is now in {@code next}: BACKOFF or FAILED. */
    synchronized void restartFailed(DaemonState next, String error, String reason) {
        set(withError(next, error), reason);
    }

    private DaemonStatus with(DaemonState state, int restarts) {
        return new DaemonStatus(state, Instant.now(), status.lastExit(), restarts, status.lastError(),
                status.lastStartDuration());
    }

    private DaemonStatus withError(DaemonState state, String error) {
        return new DaemonStatus(state, Instant.now(), status.lastExit(), status.restarts(), Optional.of(error),
                status.lastStartDuration());
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
