package io.daemoncontroller;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a daemon's supervision: its state and when it entered it, how it last exited, how often it was
 * restarted after dying, the last failure, and how long its last start took.
 *
 * @param state the current state
 * @param since when the daemon entered {@code state}
 * @param lastExit how the daemon last ended, when known (a daemon that is not this JVM's child leaves no status)
 * @param restarts how many times it was restarted after dying, since it was last started on purpose
 * @param lastError the message of the last failure (a failed start, a crash loop), if any
 * @param lastStartDuration how long the last successful start took, if there was one
 */
public record DaemonStatus(DaemonState state, Instant since, Optional<ProcessExit> lastExit, int restarts,
        Optional<String> lastError, Optional<Duration> lastStartDuration) {

    /** How long the daemon has been running; empty unless {@link DaemonState#RUNNING}. */
    public Optional<Duration> uptime() {
        return state == DaemonState.RUNNING ? Optional.of(Duration.between(since, Instant.now()))
                : Optional.empty();
    }
}
