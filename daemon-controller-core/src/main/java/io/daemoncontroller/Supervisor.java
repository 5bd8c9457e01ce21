package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a daemon up according to its {@link RestartPolicy}. It watches the daemon this controller started or found
 * running; when the daemon dies without being asked to stop, it moves it to {@link DaemonState#BACKOFF} and has it
 * started again after the backoff delay, or gives up ({@link DaemonState#FAILED}) when the policy says not to
 * restart or the daemon is in a crash loop. Watching and restarts run on a thread of this supervisor's own.
 */
final class Supervisor {

    private static final Logger logger = LoggerFactory.getLogger(DaemonController.class);

    /** How long the supervisor's thread lingers with nothing to watch or restart. */
    static final Duration IDLE_THREAD_LIFETIME = Duration.ofSeconds(10);

    private final DaemonSpec spec;
    private final StatusTracker status;
    private final RestartBackoff backoff;
    private final StopMarker stopMarker;
    private final Runnable restart;
    private final ProcessTermination termination;
    private ScheduledExecutorService thread;
    private DeathWatch watch;
    private Object watchToken;
    /** Counts watches and unwatches, so that a death handled after a stop or start on request is ignored. */
    private long generation;
    private boolean closed;

    /** {@code restart} starts the daemon again after a death; it reports a failure to {@link #restartFailed}. */
    Supervisor(DaemonSpec spec, StatusTracker status, StopMarker stopMarker, Runnable restart) {
        this.spec = spec;
        this.status = status;
        this.stopMarker = stopMarker;
        this.backoff = new RestartBackoff(spec.restartDelay(), spec.maxRestartDelay(), spec.maxRestarts(),
                spec.restartWindow());
        this.restart = restart;
        this.termination = new ProcessTermination(spec.pingInterval());
    }

    /** Watches {@code daemon}, through {@code child} when it is this JVM's child process (else {@code null}). */
    synchronized void watch(OsProcess daemon, Process child) {
        unwatch();
        if (closed) {
            return;
        }
        generation++;
        Object token = new Object();
        watchToken = token;
        watch = child != null ? DeathWatch.ofChild(child, exit -> died(token, daemon, exit))
                : DeathWatch.polling(daemon, thread(), exit -> died(token, daemon, exit));
    }

    /** Stops watching, so that the coming end of the daemon is not taken for a death. */
    synchronized void unwatch() {
        generation++;
        watchToken = null;
        if (watch != null) {
            watch.cancel();
            watch = null;
        }
    }

    /** Stops watching for good, and lets the thread go: the daemon keeps running, unsupervised. */
    synchronized void close() {
        unwatch();
        closed = true;
        if (thread != null) {
            thread.shutdownNow();
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
            String crashLoop = crashLoop(summary(failure));
            status.restartFailed(DaemonState.FAILED, exit, crashLoop, crashLoop);
            logger.error("{} is in a crash loop; it is not restarted again until started on request. Last failure: {}",
                    spec.identifier(), failure.getMessage());
            return;
        }
        status.restartFailed(DaemonState.BACKOFF, exit, failure.getMessage(), "restart failed; trying again in "
                + delay.get().toMillis() + " ms");
        schedule(delay.get());
    }

    private void died(Object token, OsProcess daemon, ProcessExit exit) {
        synchronized (this) {
            if (token != watchToken) {
                return;
            }
            watchToken = null;
            watch = null;
            long deathGeneration = generation;
            thread().execute(() -> handleDeath(daemon, exit, deathGeneration));
        }
    }

    private void handleDeath(OsProcess daemon, ProcessExit exit, long deathGeneration) {
        if (spec.daemonizeForMe()) {
            endOrphans(daemon);
        }
        synchronized (this) {
            if (deathGeneration == generation) {
                decideAfterDeath(exit);
            }
        }
    }

    private void decideAfterDeath(ProcessExit exit) {
        String how = exit == null ? "exited (status unknown: not a child of this JVM)" : exit.toString();
        if (stopMarker.isSet()) {
            status.died(exit, DaemonState.STOPPED, "stopped on purpose by another process");
            return;
        }
        logger.warn("{} {}", spec.identifier(), how);
        if (!spec.restartPolicy().restartsAfter(exit)) {
            boolean crashed = exit != null && !exit.isSuccess();
            status.died(exit, crashed ? DaemonState.FAILED : DaemonState.STOPPED, how);
            return;
        }
        Optional<Duration> delay = backoff.afterDeath(Instant.now());
        if (delay.isEmpty()) {
            status.died(exit, DaemonState.FAILED, crashLoop(how));
            logger.error("{} is in a crash loop; it is not restarted again until started on request",
                    spec.identifier());
            return;
        }
        status.died(exit, DaemonState.BACKOFF, how + "; restarting in " + delay.get().toMillis() + " ms");
        schedule(delay.get());
    }

    /**
     * Ends what is left of the session this controller ran the daemon in, such as the real daemon behind a shell
     * wrapper that was killed, so that it neither lingers nor answers for a restarted daemon.
     */
    private void endOrphans(OsProcess daemon) {
        List<OsProcess> orphans = OsProcess.groupMembers(daemon.pid());
        if (!orphans.isEmpty()) {
            logger.warn("{} died and left {} behind; terminating them", spec.identifier(), orphans);
            termination.terminate(orphans, spec.startAbortTimeout());
        }
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
        thread().schedule(restart, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private synchronized ScheduledExecutorService thread() {
        if (thread == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread supervisor = new Thread(runnable, "daemon-controller-supervisor-" + spec.identifier());
                supervisor.setDaemon(true);
                return supervisor;
            });
            executor.setKeepAliveTime(IDLE_THREAD_LIFETIME.toNanos(), TimeUnit.NANOSECONDS);
            executor.allowCoreThreadTimeOut(true);
            executor.setRemoveOnCancelPolicy(true);
            thread = executor;
        }
        return thread;
    }
}
