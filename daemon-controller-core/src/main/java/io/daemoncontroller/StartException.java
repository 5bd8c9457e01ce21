package io.daemoncontroller;

import java.util.Optional;

/**
 * Thrown when a daemon fails to start. The message holds all the evidence; the same facts are fields: the start
 * command's output, the lines the daemon wrote to its log file since this start began, and how the start command
 * or the daemon ended, when it did.
 */
public class StartException extends DaemonControllerException {

    private final String commandOutput;
    private final String newLogLines;
    private final ProcessExit exit;

    public StartException(String identifier, String message, String commandOutput, String newLogLines,
            ProcessExit exit) {
        this(identifier, message, commandOutput, newLogLines, exit, null);
    }

    public StartException(String identifier, String message, String commandOutput, String newLogLines,
            ProcessExit exit, Throwable cause) {
        super(identifier, message, cause);
        this.commandOutput = commandOutput;
        this.newLogLines = newLogLines;
        this.exit = exit;
    }

    /** What the start command wrote to stdout and stderr (its end, when long); empty when it wrote nothing. */
    public String commandOutput() {
        return commandOutput;
    }

    /** The lines the daemon's log file gained during this start (the last ones, when many). */
    public String newLogLines() {
        return newLogLines;
    }

    /** How the start command, or the daemon, ended; empty when neither ended (a timeout). */
    public Optional<ProcessExit> exit() {
        return Optional.ofNullable(exit);
    }
}
