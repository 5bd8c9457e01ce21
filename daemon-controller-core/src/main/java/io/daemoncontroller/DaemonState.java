package io.daemoncontroller;

/**
 * Where a daemon is in its life, as its {@link DaemonController} sees it.
 */
public enum DaemonState {

    /** Not running: never started here, stopped on purpose, or exited with status 0 (or an unknown status). */
    STOPPED,

    /** A start is under way. */
    STARTING,

    /** Running and answering its ping when it was started or found. */
    RUNNING,

    /** A stop is under way. */
    STOPPING,

    /** Died unexpectedly; waiting out the restart delay before the next start. */
    BACKOFF,

    /** Gave up: crashed with no restart policy, or exited too often within the restart window. */
    FAILED;

    /** Whether the daemon's process is expected to be up in this state. */
    public boolean isUp() {
        return this == RUNNING;
    }
}
