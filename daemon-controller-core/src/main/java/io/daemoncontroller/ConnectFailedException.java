package io.daemoncontroller;

/**
 * Thrown by {@link DaemonController#connect} when the connector still cannot connect after the daemon was
 * started (or found running). The cause is the connector's last failure, if it threw one.
 */
public class ConnectFailedException extends DaemonControllerException {

    public ConnectFailedException(String identifier, String message, Throwable cause) {
        super(identifier, message, cause);
    }
}
