package io.daemoncontroller.boot.observation;

/**
 * The error of the observation of a restart by a daemon's supervisor that failed: the supervisor's own exception
 * stays on its thread, and its message is in the daemon's status ({@code lastError}), carried here.
 *
 * @since 0.1.0
 */
public final class SupervisorRestartFailedException extends RuntimeException {

    private final String daemon;

    SupervisorRestartFailedException(String daemon, String error) {
        super("The supervisor of daemon '" + daemon + "' failed to restart it: " + error, null, false, false);
        this.daemon = daemon;
    }

    /** The daemon's name. */
    public String daemon() {
        return daemon;
    }
}
