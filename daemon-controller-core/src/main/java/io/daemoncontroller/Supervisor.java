package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a daemon up according to its {@link RestartPolicy}. It watches the daemon this controller started or found
 * running; when the daemon dies without being asked to stop, it moves it to {@link DaemonState#BACKOFF} and has it
 * started again after the backoff delay, or gives up ({@link DaemonState#FAILED}) when the policy says not to
 * restart or the daemon is in a crash loop. With a liveness interval it also checks that the running daemon still
 * answers its liveness ping; after the threshold of failures in a row it marks it unresponsive and, unless the policy
 * is {@link RestartPolicy#NEVER}, has it stopped and started again like a daemon that died. Polling a background
 * daemon and timing restarts and liveness checks run on the {@link SupervisionTimer} all supervisors share;
 * restarts, liveness pings and the stop of an unresponsive daemon run one at a time on a worker thread of this
 * supervisor's own, which exists only while it has such work.
 */
final class Supervisor {

    private static final Logger logger = LoggerFactory.getLogger(DaemonController.class);

    /** How long a supervisor's worker, and the shared timer, linger with nothing to do. */
    static final Duration IDLE_THREAD_LIFETIME = Duration.ofSeconds(10);

    private final DaemonSpec spec;
    private final StatusTracker status;
    private final RestartBackoff backoff;
    private final StopMarker stopMarker;
    private final Runnable restart;
    private final LongConsumer stopUnresponsive;
    private final ProcessTermination termination;
    private ExecutorService worker;
    private DeathWatch watch;
    private ScheduledFuture<?> liveness;
    private ScheduledFuture<?> pendingRestart;
    private int livenessFailures;
    private Object watchToken;
    private boolean closed;

    /**
     * {@code restart} starts the daemon again after a death; it reports a failure to {@link #restartFailed}.
     * {@code stopUnresponsive} stops the unresponsive daemon of the given pid, then reports to
     * {@link #unresponsiveStopped}.
     */
    Supervisor(DaemonSpec spec, StatusTracker status, StopMarker stopMarker, Runnable restart,
            LongConsumer stopUnresponsive) {
        this.spec = spec;
        this.stopUnresponsive = stopUnresponsive;
        this.status = status;
        this.stopMarker = stopMarker;
        this.backoff = new RestartBackoff(spec.restartDelay(), spec.maxRestartDelay(), spec.maxRestarts(),
                spec.restartWindow());
        this.restart = restart;
        this.termination = new ProcessTermination(spec.pingInterval());
    }

    /**
     * Watches {@code daemon}, through {@code childExit}, its exit, when it is this JVM's child process (else
     * {@code null}).
     */
    synchronized void watch(OsProcess daemon, CompletableFuture<Process> childExit) {
        unwatch();
        if (closed) {
            return;
        }
        Object token = new Object();
        watchToken = token;
        watch = childExit != null ? DeathWatch.ofChild(daemon, childExit, exit -> died(token, daemon, exit))
                : DeathWatch.polling(daemon, SupervisionTimer.shared(), exit -> died(token, daemon, exit));
        livenessFailures = 0;
        scheduleLivenessCheck(token, daemon.pid());
    }

    /** Checks liveness one interval from now, while the daemon is still the one watched, then again. */
    private synchronized void scheduleLivenessCheck(Object token, long pid) {
        if (spec.livenessInterval() == null || token != watchToken) {
            return;
        }
        liveness = SupervisionTimer.shared().schedule(() -> onWorker(() -> {
            checkLiveness(token, pid);
            scheduleLivenessCheck(token, pid);
        }), spec.livenessInterval().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Checks once that the daemon answers its liveness ping, outside this supervisor's lock (the ping is bounded by
     * its timeout); the result counts only if the daemon is still the one watched, running.
     */
    private void checkLiveness(Object token, long pid) {
        synchronized (this) {
            if (token != watchToken || status.current().state() != DaemonState.RUNNING) {
                return;
            }
        }
        boolean answered = answersLiveness();
        synchronized (this) {
            if (token != watchToken || status.current().state() != DaemonState.RUNNING) {
                return;
            }
            if (answered) {
                livenessFailures = 0;
                status.responsive();
                return;
            }
            livenessFailures++;
            if (livenessFailures != spec.livenessFailureThreshold()) {
                status.livenessFailed(livenessFailures);
                return;
            }
            String reason = unresponsive();
            if (!spec.restartPolicy().restartsWhenUnresponsive()) {
                logger.warn("{} {}; its restart policy is {}: left running", spec.identifier(), reason,
                        spec.restartPolicy());
                status.unresponsive(livenessFailures, reason + "; left running (restart policy never)");
                return;
            }
            logger.warn("{} {}: stopping it to start it again", spec.identifier(), reason);
            status.unresponsive(livenessFailures, reason);
            unwatch();
            onWorker(() -> stopUnresponsive.accept(pid));
        }
    }

    private boolean answersLiveness() {
        try {
            return spec.livenessPing().answers();
        } catch (Exception ex) {
            logger.debug("The liveness ping of {} failed", spec.identifier(), ex);
            return false;
        }
    }

    private String unresponsive() {
        return "is unresponsive: " + livenessFailures + " liveness checks in a row failed (" + spec.livenessPing()
                + ", every " + Timeouts.format(spec.livenessInterval()) + ")";
    }

    /**
     * The unresponsive daemon was stopped: it is started again after the backoff delay, or given up on in a crash
     * loop. Called under the start lock.
     */
    synchronized void unresponsiveStopped() {
        String reason = "stopped after " + spec.livenessFailureThreshold() + " failed liveness checks in a row";
        Optional<Duration> delay = backoff.afterDeath(Instant.now());
        if (delay.isEmpty()) {
            status.crashLoop(null, crashLoop(reason));
            logger.error("{} is in a crash loop; it is not restarted again until started on request",
                    spec.identifier());
            return;
        }
        status.unresponsiveBackingOff(delay.get(), reason);
        schedule(delay.get());
    }

    /**
     * Handles the watched daemon's death now if it is gone, so that whoever just found it gone never sees a
     * {@link DaemonState#RUNNING} status afterwards.
     */
    void noticeIfGone() {
        DeathWatch current;
        synchronized (this) {
            current = watch;
        }
        if (current != null) {
            current.checkNow();
        }
    }

    /** Stops watching, so that the coming end of the daemon is not taken for a death. */
    synchronized void unwatch() {
        watchToken = null;
        if (watch != null) {
            watch.cancel();
            watch = null;
        }
        if (liveness != null) {
            liveness.cancel(false);
            liveness = null;
        }
    }

    /** Stops watching for good, drops a pending restart and ends the worker: the daemon keeps running, unsupervised. */
    synchronized void close() {
        unwatch();
        closed = true;
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
        }
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** The daemon was started or stopped on purpose: earlier deaths no longer count towards a crash loop. */
    void forgetDeaths() {
        backoff.reset();
    }

    /** A restart after a death failed: back off again, or give up. Called under the start lock. */
    synchronized void restartFailed(RuntimeException failure) {
        ProcessExit exit = failure instanceof StartException start ? start.exit().orElse(null) : null;
        Optional<Duration> delay = backoff.afterDeath(Instant.now());
        if (delay.isEmpty()) {
            status.crashLoop(exit, crashLoop(summary(failure)));
            logger.error("{} is in a crash loop; it is not restarted again until started on request. Last failure: {}",
                    spec.identifier(), failure.getMessage());
            return;
        }
        status.restartFailed(exit, failure.getMessage(), delay.get());
        schedule(delay.get());
    }

    /**
     * Records the death at once, so that the status never says RUNNING once the daemon is gone, and decides what
     * comes next. What is left of a daemonizeForMe session is ended on the supervisor's thread, before any restart.
     */
    private synchronized void died(Object token, OsProcess daemon, ProcessExit exit) {
        if (token != watchToken) {
            return;
        }
        unwatch();
        if (spec.daemonizeForMe()) {
            onWorker(() -> endOrphans(daemon));
        }
        if (stopMarker.isSet()) {
            status.stoppedElsewhere(exit);
            return;
        }
        if (!spec.restartPolicy().restartsAfter(exit)) {
            if (exit.isSuccess()) {
                logger.info("{} {}", spec.identifier(), exit);
                status.exited(exit);
            } else {
                logger.warn("{} {}; its restart policy is {}: not restarted", spec.identifier(), exit,
                        spec.restartPolicy());
                status.crashed(exit);
            }
            return;
        }
        logger.warn("{} {}", spec.identifier(), exit);
        Optional<Duration> delay = backoff.afterDeath(Instant.now());
        if (delay.isEmpty()) {
            status.crashLoop(exit, crashLoop(exit.toString()));
            logger.error("{} is in a crash loop; it is not restarted again until started on request",
                    spec.identifier());
            return;
        }
        status.diedBackingOff(exit, delay.get());
        schedule(delay.get());
    }

    /**
     * Ends what is left of the session this controller ran the daemon in, such as the real daemon behind a shell
     * wrapper that was killed, so that it neither lingers nor answers for a restarted daemon.
     */
    private void endOrphans(OsProcess daemon) {
        termination.endSessionLeftovers(SessionMembers.unremembered(daemon.sessionId()),
                spec.startAbortTimeout());
    }

    private static String summary(RuntimeException failure) {
        if (failure instanceof StartException start && start.exit().isPresent()) {
            return "restart failed, " + start.exit().get();
        }
        String message = String.valueOf(failure.getMessage());
        return "restart failed: " + message.lines().findFirst().orElse(message);
    }

    private String crashLoop(String last) {
        return "crash loop: " + backoff.recentDeaths() + " exits within " + Timeouts.format(backoff.window())
                + " (maxRestarts " + backoff.maxRestarts() + "), last: " + last;
    }

    private synchronized void schedule(Duration delay) {
        pendingRestart = SupervisionTimer.shared().schedule(() -> onWorker(restart), delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on this supervisor's worker, after what it runs already; not at all once closed. */
    private synchronized void onWorker(Runnable task) {
        if (closed) {
            return;
        }
        if (worker == null) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_THREAD_LIFETIME.toNanos(),
                    TimeUnit.NANOSECONDS, new LinkedBlockingQueue<>(), spec.threads("supervisor"));
            executor.allowCoreThreadTimeOut(true);
            worker = executor;
        }
        worker.execute(task);
    }
}
