package io.daemoncontroller;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a process ended: it exited with a status, a signal terminated it, or it ended in a way nobody could see (a
 * daemon that is not a child of this process leaves no status; see {@link #unknown()}).
 * <p>
 * The JDK reports a process killed by signal {@code N} as exit value {@code 128 + N}, as shells do; an exit
 * value from 129 to 159 is therefore read as a signal.
 */
public final class ProcessExit {

    private static final String[] SIGNAL_NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
            "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
            "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    private static final int UNKNOWN_VALUE = -1;
    private static final ProcessExit UNKNOWN = new ProcessExit(UNKNOWN_VALUE);

    private final int exitValue;

    private ProcessExit(int exitValue) {
        this.exitValue = exitValue;
    }

    /** The exit of a process whose {@link Process#exitValue()} is {@code exitValue}. */
    public static ProcessExit fromExitValue(int exitValue) {
        if (exitValue < 0) {
            throw new IllegalArgumentException("An exit value is 0 or more, not " + exitValue);
        }
        return new ProcessExit(exitValue);
    }

    /**
     * The end of a process that is not a child of this process: it is gone, but neither its status nor the signal
     * that ended it can be known. It is not a success.
     */
    public static ProcessExit unknown() {
        return UNKNOWN;
    }

    /** Whether the status or the signal is known; false for {@link #unknown()}. */
    public boolean isKnown() {
        return exitValue != UNKNOWN_VALUE;
    }

    /** Whether the process exited with status 0. */
    public boolean isSuccess() {
        return exitValue == 0;
    }

    /** The exit status, empty when a signal terminated the process or the status is unknown. */
    public OptionalInt status() {
        return !isKnown() || signalNumber() > 0 ? OptionalInt.empty() : OptionalInt.of(exitValue);
    }

    /** The signal that terminated the process, such as {@code "SIGKILL"}; empty when it exited. */
    public Optional<String> signal() {
        int number = signalNumber();
        return number > 0 ? Optional.of("SIG" + SIGNAL_NAMES[number]) : Optional.empty();
    }

    private int signalNumber() {
        int number = exitValue - 128;
        return number > 0 && number < SIGNAL_NAMES.length ? number : 0;
    }

    /**
     * {@code "exited with status 1"}, {@code "terminated by signal SIGTERM"} or
     * {@code "exited, status unknown (not a child of this process)"}.
     */
    @Override
    public String toString() {
        if (!isKnown()) {
            return "exited, status unknown (not a child of this process)";
        }
        return signal().map(name -> "terminated by signal " + name).orElse("exited with status " + exitValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProcessExit exit && exit.exitValue == exitValue;
    }

    @Override
    public int hashCode() {
        return exitValue;
    }

    static int signalNumber(String name) {
        String bare = name.startsWith("SIG") ? name.substring(3) : name;
        for (int number = 1; number < SIGNAL_NAMES.length; number++) {
            if (SIGNAL_NAMES[number].equals(bare)) {
                return number;
            }
        }
        return -1;
    }
}
