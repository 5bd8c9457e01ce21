package io.daemoncontroller;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a process ended: it exited with a status, or a signal terminated it.
 * <p>
 * The JDK reports a process killed by signal {@code N} as exit value {@code 128 + N}, as shells do; an exit
 * value from 129 to 159 is therefore read as a signal.
 */
public final class ProcessExit {

    private static final String[] SIGNAL_NAMES = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS",
            "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
            "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};

    private final int exitValue;

    private ProcessExit(int exitValue) {
        this.exitValue = exitValue;
    }

    /** The exit of a process whose {@link Process#exitValue()} is {@code exitValue}. */
    public static ProcessExit fromExitValue(int exitValue) {
        return new ProcessExit(exitValue);
    }

    /** Whether the process exited with status 0. */
    public boolean isSuccess() {
        return exitValue == 0;
    }

    /** The exit status, empty when a signal terminated the process. */
    public OptionalInt status() {
        return signalNumber() > 0 ? OptionalInt.empty() : OptionalInt.of(exitValue);
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

    /** {@code "exited with status 1"} or {@code "terminated by signal SIGTERM"}. */
    @Override
    public String toString() {
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
