package io.daemoncontroller;

/**
 * Whether a daemon that died without being asked to stop is started again. A daemon stopped on purpose is never
 * restarted.
 */
public enum RestartPolicy {

    /**
     * Never restart. A crash (a non-zero status, a signal, or a death whose status is unknown) leaves the daemon
     * {@link DaemonState#FAILED}; an exit with status 0 leaves it {@link DaemonState#STOPPED}.
     */
    NEVER,

    /**
     * Restart after a failure: a non-zero exit status, a signal, or a death whose status is unknown (a daemon that
     * is not this JVM's child).
     */
    ON_FAILURE,

    /** Restart after any death, even an exit with status 0. */
    ALWAYS;

    /**
     * Whether a daemon that runs but stopped answering its liveness check is stopped and started again: a failure,
     * so yes unless {@link #NEVER}.
     */
    public boolean restartsWhenUnresponsive() {
        return this != NEVER;
    }

    /** Whether a daemon that ended with {@code exit} (perhaps {@link ProcessExit#unknown()}) is restarted. */
    public boolean restartsAfter(ProcessExit exit) {
        return this == ALWAYS || this == ON_FAILURE && !exit.isSuccess();
    }
}
