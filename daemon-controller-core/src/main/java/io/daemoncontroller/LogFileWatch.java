package io.daemoncontroller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches a daemon's log file during one start: which lines it gained since the start began (all of it, if it did
 * not exist then) and when it last grew. A missing log file option watches nothing.
 */
final class LogFileWatch {

    private final Path file;
    private final long startSize;
    private long lastSize;
    private long lastActivityNanos;

    private LogFileWatch(Path file) {
        this.file = file;
        this.startSize = file == null ? 0 : size(file);
        this.lastSize = startSize;
        this.lastActivityNanos = System.nanoTime();
    }

    static LogFileWatch of(Path file) {
        return new LogFileWatch(file);
    }

    Path file() {
        return file;
    }

    /** Counts the time without log activity from now on, for a daemon that just went into the background. */
    void restartIdleClock() {
        lastSize = file == null ? 0 : size(file);
        lastActivityNanos = System.nanoTime();
    }

    /** How long the log file has not grown, in nanoseconds; 0 without a log file. */
    long idleNanos() {
        if (file == null) {
            return 0;
        }
        long size = size(file);
        if (size != lastSize) {
            lastSize = size;
            lastActivityNanos = System.nanoTime();
        }
        return System.nanoTime() - lastActivityNanos;
    }

    /** The lines written since the start began (the last ones, when many); empty without a log file. */
    String newLines() {
        return file == null ? "" : OutputTail.read(file, startSize);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException missing) {
            return 0;
        }
    }
}
