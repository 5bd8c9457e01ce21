package io.daemoncontroller;

/**
 * Thrown by {@link DaemonController#start()} when the daemon already runs.
 */
public class AlreadyStartedException extends DaemonControllerException {

    private final long pid;

    public AlreadyStartedException(String identifier, long pid) {
        super(identifier, identifier + " is already running (pid " + pid + ")");
        this.pid = pid;
    }

    /** The pid of the daemon that was found running. */
    public long pid() {
        return pid;
    }
}
