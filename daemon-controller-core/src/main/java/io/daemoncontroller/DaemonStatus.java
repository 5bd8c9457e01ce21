package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a daemon's supervision: its state and when it entered it, its pid while running, how it last
 * exited, how often it was restarted after dying, the last failure, and how long its last start took. Reading it
 * touches no file and takes no lock.
 *
 * @param state the current state
 * @param since when the daemon entered {@code state}
 * @param pid the daemon's pid while {@link DaemonState#RUNNING}, as last seen; empty in any other state
 * @param lastExit how the daemon last ended, when known (a daemon that is not this JVM's child leaves no status)
 * @param restarts how many times it was restarted after dying, since it was last started on purpose
 * @param lastError the message of the last failure (a failed start, a crash loop), if any
 * @param lastStartDuration how long the last successful start took, if there was one
 * @param livenessFailures how many liveness checks in a row failed while {@link DaemonState#RUNNING}; 0 after one
 *        succeeds, and in any other state
 * @param unresponsive whether the daemon runs but failed its liveness check {@code livenessFailureThreshold} times
 *        in a row: it stays {@link DaemonState#RUNNING}, marked so, until a check succeeds again or its restart
 *        policy has it stopped and started again
 */
public record DaemonStatus(DaemonState state, Instant since, OptionalLong pid, Optional<ProcessExit> lastExit,
        int restarts, Optional<String> lastError, Optional<Duration> lastStartDuration, int livenessFailures,
        boolean unresponsive) {

    static DaemonStatus initial() {
        return new DaemonStatus(DaemonState.STOPPED, Instant.now(), OptionalLong.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty(), 0, false);
    }

    /** Whether the daemon runs and answers its liveness check (always, when liveness is off). */
    public boolean healthy() {
        return state == DaemonState.RUNNING && !unresponsive;
    }

    /** How long the daemon has been running; empty unless {@link DaemonState#RUNNING}. */
    public Optional<Duration> uptime() {
        return state == DaemonState.RUNNING ? Optional.of(Duration.between(since, Instant.now()))
                : Optional.empty();
    }

    DaemonStatus entering(DaemonState next) {
        return entering(next, Instant.now());
    }

    DaemonStatus entering(DaemonState next, Instant at) {
        return new DaemonStatus(next, at, OptionalLong.empty(), lastExit, restarts, lastError, lastStartDuration, 0,
                false);
    }

    DaemonStatus withPid(long runningPid) {
        return new DaemonStatus(state, since, OptionalLong.of(runningPid), lastExit, restarts, lastError,
                lastStartDuration, livenessFailures, unresponsive);
    }

    DaemonStatus withRestarts(int count) {
        return new DaemonStatus(state, since, pid, lastExit, count, lastError, lastStartDuration, livenessFailures,
                unresponsive);
    }

    DaemonStatus withExit(ProcessExit exit) {
        return new DaemonStatus(state, since, pid, Optional.ofNullable(exit), restarts, lastError, lastStartDuration,
                livenessFailures, unresponsive);
    }

    DaemonStatus withError(String error) {
        return new DaemonStatus(state, since, pid, lastExit, restarts, Optional.ofNullable(error), lastStartDuration,
                livenessFailures, unresponsive);
    }

    DaemonStatus withStartDuration(Duration duration) {
        return new DaemonStatus(state, since, pid, lastExit, restarts, lastError, Optional.of(duration),
                livenessFailures, unresponsive);
    }

    DaemonStatus withLiveness(int failures, boolean isUnresponsive) {
        return new DaemonStatus(state, since, pid, lastExit, restarts, lastError, lastStartDuration, failures,
                isUnresponsive);
    }
}
