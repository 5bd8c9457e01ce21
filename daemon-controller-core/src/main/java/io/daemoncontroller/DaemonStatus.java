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
 */
public record DaemonStatus(DaemonState state, Instant since, OptionalLong pid, Optional<ProcessExit> lastExit,
        int restarts, Optional<String> lastError, Optional<Duration> lastStartDuration) {

    static DaemonStatus initial() {
        return new DaemonStatus(DaemonState.STOPPED, Instant.now(), OptionalLong.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty());
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
        return new DaemonStatus(next, at, OptionalLong.empty(), lastExit, restarts, lastError, lastStartDuration);
    }

    DaemonStatus withPid(long runningPid) {
        return new DaemonStatus(state, since, OptionalLong.of(runningPid), lastExit, restarts, lastError,
                lastStartDuration);
    }

    DaemonStatus withRestarts(int count) {
        return new DaemonStatus(state, since, pid, lastExit, count, lastError, lastStartDuration);
    }

    DaemonStatus withExit(ProcessExit exit) {
        return new DaemonStatus(state, since, pid, Optional.ofNullable(exit), restarts, lastError, lastStartDuration);
    }

    DaemonStatus withError(String error) {
        return new DaemonStatus(state, since, pid, lastExit, restarts, Optional.ofNullable(error), lastStartDuration);
    }

    DaemonStatus withStartDuration(Duration duration) {
        return new DaemonStatus(state, since, pid, lastExit, restarts, lastError, Optional.of(duration));
    }
}
