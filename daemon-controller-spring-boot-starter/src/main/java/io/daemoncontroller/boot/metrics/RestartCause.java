package io.daemoncontroller.boot.metrics;

import java.util.Locale;
import java.util.Optional;

import io.daemoncontroller.ProcessExit;

/** Why the supervisor restarts a daemon: the values of the {@code cause} tag of {@code daemon.restarts}. */
enum RestartCause {

    /** The daemon exited with a status. */
    EXIT,

    /** A signal ended the daemon. */
    SIGNAL,

    /** The daemon ended, but how is unknown: it is not a child of this JVM. */
    UNKNOWN,

    /** The previous restart failed to start it. */
    START_FAILED,

    /** It ran but failed its liveness checks, and was stopped. */
    UNRESPONSIVE;

    /** The cause of a restart after the daemon ended with {@code exit}, empty when unknown. */
    static RestartCause ofDeath(Optional<ProcessExit> exit) {
        return exit.filter(ProcessExit::isKnown).map(ended -> ended.signal().isPresent() ? SIGNAL : EXIT)
                .orElse(UNKNOWN);
    }

    /** The tag value, such as {@code start-failed}. */
    String tagValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
