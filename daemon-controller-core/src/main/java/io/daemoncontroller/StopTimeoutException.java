package io.daemoncontroller;

/**
 * Thrown when a daemon did not exit within the stop timeout. It has been killed with {@code SIGKILL} by then.
 */
public class StopTimeoutException extends StopException {

    public StopTimeoutException(String identifier, String message, String commandOutput) {
        super(identifier, message, commandOutput, null);
    }
}
