package io.daemoncontroller;

import java.util.Optional;

/**
 * Thrown when a daemon fails to start. The message holds all the evidence; the same facts are fields: why, as a
 * {@link Reason}, the start command's output, the lines the daemon wrote to its log file since this start began,
 * and how the start command or the daemon ended, when it did.
 */
public class StartException extends DaemonControllerException {

    /** Why a start failed. */
    public enum Reason {

        /** The before-start hook threw. */
        BEFORE_START_FAILED,

        /** The start command could not be run at all. */
        COMMAND_NOT_RUN,

        /** The start command failed: a non-zero status, or a signal. */
        COMMAND_FAILED,

        /** The daemon (the PID file's process, or the command run with daemonizeForMe) exited before it answered. */
        DAEMON_EXITED,

        /** The start command exited, and so did every process it started, before the daemon answered. */
        EVERY_PROCESS_EXITED,

        /** The ping failed with an error that does not mean "not up yet". */
        PING_FAILED,

        /** The daemon answered, but its PID file no longer named it. */
        PID_FILE_LOST,

        /** Timed out: the start command was still running (a daemon that stays in the foreground?). */
        COMMAND_DID_NOT_EXIT,

        /** Timed out: the ping answers, but the PID file names no running process: the daemon writes it elsewhere. */
        PID_FILE_MISMATCH,

        /** Timed out: the PID file is absent or invalid, and the ping does not answer. */
        PID_FILE_MISSING,

        /** Timed out: the PID file names the running daemon, which does not answer its ping. */
        NOT_ANSWERING,

        /** Timed out: the daemon runs and answers its ping, but never logged its ready log line. */
        READY_LOG_LINE_NOT_SEEN,

        /** Its log file stayed idle, and it was not ready, for the log file activity timeout. */
        LOG_IDLE
    }

    private final Reason reason;
    private final String commandOutput;
    private final String newLogLines;
    private final ProcessExit exit;

    public StartException(String identifier, Reason reason, String message, String commandOutput,
            String newLogLines, ProcessExit exit) {
        this(identifier, reason, message, commandOutput, newLogLines, exit, null);
    }

    public StartException(String identifier, Reason reason, String message, String commandOutput,
            String newLogLines, ProcessExit exit, Throwable cause) {
        super(identifier, message, cause);
        this.reason = reason;
        this.commandOutput = commandOutput;
        this.newLogLines = newLogLines;
        this.exit = exit;
    }

    /** Why the start failed. */
    public Reason reason() {
        return reason;
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
