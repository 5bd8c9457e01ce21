package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A daemon went from one state to another, for {@link DaemonListener}s. Every fact a listener may need is a field:
 * the {@link Cause}, the status right after the change (its last exit, restart count, pid, last error) and, when
 * the daemon is waiting to be restarted, the delay; {@code reason} says the same in words, for people.
 *
 * @param identifier the daemon's identifier
 * @param from the state it left
 * @param to the state it entered
 * @param reason why, in words, such as {@code "exited with status 1; restarting in 1000 ms"}
 * @param at when
 * @param cause why, as a value
 * @param status the daemon's status right after the change
 * @param restartDelay how long until the daemon is started again, on a change to {@link DaemonState#BACKOFF}
 * <p>{@code from} and {@code to} are both {@link DaemonState#RUNNING} when a running daemon became
 * {@linkplain Cause#UNRESPONSIVE unresponsive} or {@linkplain Cause#RESPONSIVE_AGAIN answers again}.
 */
public record DaemonStateChange(String identifier, DaemonState from, DaemonState to, String reason, Instant at,
        Cause cause, DaemonStatus status, Optional<Duration> restartDelay) {

    /** Why a daemon changed state. */
    public enum Cause {

        /** Someone asked for a start (or a restart). */
        START_REQUESTED,

        /** A start finished: the daemon answers. */
        STARTED,

        /** The daemon was found running: started elsewhere, or still running after a failed stop. */
        FOUND_RUNNING,

        /** A start someone asked for failed. */
        START_FAILED,

        /** Someone asked for a stop. */
        STOP_REQUESTED,

        /** A stop finished, or the daemon ended as its restart policy expects (an exit with status 0). */
        STOPPED,

        /** Another process stopped the daemon on purpose. */
        STOPPED_ELSEWHERE,

        /** The daemon died without being asked to: see {@code status().lastExit()}. */
        DIED,

        /** The supervisor starts the daemon again after a death. */
        RESTARTING,

        /** The supervisor's restart failed to start the daemon. */
        RESTART_FAILED,

        /** The daemon died (or its restart failed) more often than the restart window allows. */
        CRASH_LOOP,

        /**
         * The daemon runs but failed its liveness check {@code livenessFailureThreshold} times in a row: on a change
         * from {@link DaemonState#RUNNING} to {@link DaemonState#RUNNING}, marked
         * {@linkplain DaemonStatus#unresponsive() unresponsive}; then, when its restart policy restarts it, on the
         * changes to {@link DaemonState#STOPPING} and to {@link DaemonState#BACKOFF} (with the restart delay).
         */
        UNRESPONSIVE,

        /** An unresponsive daemon, left running, answered its liveness check again (RUNNING to RUNNING). */
        RESPONSIVE_AGAIN
    }
}
