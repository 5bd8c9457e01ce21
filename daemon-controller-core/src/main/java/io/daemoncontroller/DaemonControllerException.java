package io.daemoncontroller;

/**
 * Base of every failure a {@link DaemonController} reports. All of them are unchecked and name the daemon.
 */
public class DaemonControllerException extends RuntimeException {

    private final String identifier;

    public DaemonControllerException(String identifier, String message) {
        this(identifier, message, null);
    }

    public DaemonControllerException(String identifier, String message, Throwable cause) {
        super(message, cause);
        this.identifier = identifier;
    }

    /** The identifier of the daemon this failure is about. */
    public String identifier() {
        return identifier;
    }
}
