package io.daemoncontroller;

/**
 * Thrown when a daemon did not become ready in time: past the start timeout, or with neither log output nor
 * readiness for the log file activity timeout. Its {@link #reason()} says which readiness condition did not hold.
 * The half-started daemon has been aborted by then.
 */
public class StartTimeoutException extends StartException {

    public StartTimeoutException(String identifier, Reason reason, String message, String commandOutput,
            String newLogLines) {
        super(identifier, reason, message, commandOutput, newLogLines, null);
    }
}
