package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.DaemonStateChange.Cause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a daemon's {@link DaemonStatus} and tells listeners of every state change, in order, on a thread of its
 * own (started at the first change that has a listener to hear it).
 */
final class StatusTracker {

    private static final Logger logger = LoggerFactory.getLogger(DaemonController.class);

    private final String identifier;
    private final ThreadFactory threads;
    private final List<DaemonListener> listeners = new CopyOnWriteArrayList<>();
    private volatile DaemonStatus status = DaemonStatus.initial();
    private ExecutorService delivery;

    StatusTracker(String identifier, ThreadFactory threads) {
        this.identifier = identifier;
        this.threads = threads;
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
        set(status.entering(DaemonState.STARTING).withRestarts(0), Cause.START_REQUESTED, "start requested");
    }

    /** A restart after a death. */
    synchronized void restarting() {
        set(status.entering(DaemonState.STARTING).withRestarts(status.restarts() + 1), Cause.RESTARTING,
                "restarting after a death");
    }

    /** Started by this controller, in {@code startDuration}. */
    synchronized void started(long pid, Duration startDuration) {
        set(status.entering(DaemonState.RUNNING).withPid(pid).withStartDuration(startDuration), Cause.STARTED,
                "started (pid " + pid + ")");
    }

    /**
     * Found running, started by someone else or left running after a failed stop; its state counts from when
     * its process started.
     */
    synchronized void foundRunning(long pid, Instant startedAt, String reason) {
        set(status.entering(DaemonState.RUNNING, startedAt).withPid(pid), Cause.FOUND_RUNNING, null, Instant.now(),
                reason);
    }

    synchronized void failedToStart(String error) {
        set(status.entering(DaemonState.STOPPED).withError(error), Cause.START_FAILED, "start failed");
    }

    synchronized void stopping() {
        set(status.entering(DaemonState.STOPPING), Cause.STOP_REQUESTED, "stop requested");
    }

    synchronized void stopped(String reason) {
        set(status.entering(DaemonState.STOPPED), Cause.STOPPED, reason);
    }

    /** Another process stopped the daemon on purpose; {@code exit} is how it ended, if seen. */
    synchronized void stoppedElsewhere(ProcessExit exit) {
        DaemonStatus stopped = status.entering(DaemonState.STOPPED);
        set(exit == null ? stopped : stopped.withExit(exit), Cause.STOPPED_ELSEWHERE,
                "stopped on purpose by another process");
    }

    /** The daemon ended with {@code exit} as its restart policy expects, and is not restarted. */
    synchronized void exited(ProcessExit exit) {
        set(status.entering(DaemonState.STOPPED).withExit(exit), Cause.STOPPED, exit.toString());
    }

    /** The daemon died without being asked to, and is not restarted: its policy says so. */
    synchronized void crashed(ProcessExit exit) {
        set(status.entering(DaemonState.FAILED).withExit(exit).withError(exit.toString()), Cause.DIED,
                exit.toString());
    }

    /** The daemon died without being asked to, and is started again after {@code delay}. */
    synchronized void diedBackingOff(ProcessExit exit, Duration delay) {
        set(status.entering(DaemonState.BACKOFF).withExit(exit), Cause.DIED, delay,
                exit + "; restarting in " + delay.toMillis() + " ms");
    }

    /**
     * A restart after a death failed to start the daemon, which ended with {@code exit} if it got that far; it is
     * started again after {@code delay}.
     */
    synchronized void restartFailed(ProcessExit exit, String error, Duration delay) {
        DaemonStatus failed = status.entering(DaemonState.BACKOFF).withError(error);
        set(exit == null ? failed : failed.withExit(exit), Cause.RESTART_FAILED, delay,
                "restart failed; trying again in " + delay.toMillis() + " ms");
    }

    /** The daemon died, or its restart failed, once too often within the restart window: the supervisor gives up. */
    synchronized void crashLoop(ProcessExit exit, String error) {
        DaemonStatus failed = status.entering(DaemonState.FAILED).withError(error);
        set(exit == null ? failed : failed.withExit(exit), Cause.CRASH_LOOP, error);
    }

    /** A liveness check of the running daemon failed, the {@code failures}th in a row, short of the threshold. */
    synchronized void livenessFailed(int failures) {
        if (status.state() == DaemonState.RUNNING) {
            status = status.withLiveness(failures, status.unresponsive());
        }
    }

    /** The running daemon failed its liveness check {@code failures} times in a row: it is unresponsive. */
    synchronized void unresponsive(int failures, String reason) {
        if (status.state() == DaemonState.RUNNING) {
            announce(status.withLiveness(failures, true), Cause.UNRESPONSIVE, null, reason);
        }
    }

    /** A liveness check of the running daemon succeeded: no failures, and no longer unresponsive. */
    synchronized void responsive() {
        if (status.state() != DaemonState.RUNNING || status.livenessFailures() == 0) {
            return;
        }
        DaemonStatus answering = status.withLiveness(0, false);
        if (status.unresponsive()) {
            announce(answering, Cause.RESPONSIVE_AGAIN, null, "answers its liveness check again");
        } else {
            status = answering;
        }
    }

    /** The unresponsive daemon is stopped, to be started again. */
    synchronized void stoppingUnresponsive(String reason) {
        set(status.entering(DaemonState.STOPPING), Cause.UNRESPONSIVE, reason);
    }

    /** The unresponsive daemon was stopped, and is started again after {@code delay}. */
    synchronized void unresponsiveBackingOff(Duration delay, String reason) {
        set(status.entering(DaemonState.BACKOFF), Cause.UNRESPONSIVE, delay,
                reason + "; restarting in " + delay.toMillis() + " ms");
    }

    private void set(DaemonStatus next, Cause cause, String reason) {
        set(next, cause, null, next.since(), reason);
    }

    private void set(DaemonStatus next, Cause cause, Duration restartDelay, String reason) {
        set(next, cause, restartDelay, next.since(), reason);
    }

    private void set(DaemonStatus next, Cause cause, Duration restartDelay, Instant at, String reason) {
        if (status.state() == next.state()) {
            status = next;
            return;
        }
        announce(next, cause, restartDelay, at, reason);
    }

    /** Sets {@code next} and tells listeners, even when the state stays the same. */
    private void announce(DaemonStatus next, Cause cause, Duration restartDelay, String reason) {
        announce(next, cause, restartDelay, Instant.now(), reason);
    }

    private void announce(DaemonStatus next, Cause cause, Duration restartDelay, Instant at, String reason) {
        DaemonStatus previous = status;
        status = next;
        logger.debug("{}: {} -> {} ({})", identifier, previous.state(), next.state(), reason);
        if (!listeners.isEmpty()) {
            DaemonStateChange change = new DaemonStateChange(identifier, previous.state(), next.state(), reason,
                    at, cause, next, Optional.ofNullable(restartDelay));
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
                    TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), threads);
            executor.allowCoreThreadTimeOut(true);
            delivery = executor;
        }
        return delivery;
    }
}
