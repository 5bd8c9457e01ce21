package io.daemoncontroller;

import java.util.Optional;

/**
 * Thrown when a daemon could not be stopped, for example because its stop command failed. Holds the stop
 * command's output and how it ended, as fields and in the message.
 */
public class StopException extends DaemonControllerException {

    private final String commandOutput;
    private final ProcessExit exit;

    public StopException(String identifier, String message, String commandOutput, ProcessExit exit) {
        super(identifier, message);
        this.commandOutput = commandOutput;
        this.exit = exit;
    }

    /** What the stop command wrote to stdout and stderr; empty when there was none or it wrote nothing. */
    public String commandOutput() {
        return commandOutput;
    }

    /** How the stop command ended, when it ended on its own. */
    public Optional<ProcessExit> exit() {
        return Optional.ofNullable(exit);
    }
}
