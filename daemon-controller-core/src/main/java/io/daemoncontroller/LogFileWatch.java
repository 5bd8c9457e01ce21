package io.daemoncontroller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Watches a daemon's log file during one start: which lines it gained since the start began (all of it, if it did
 * not exist then), across rotations, when it last changed size, and whether the ready log line, if any, was written
 * since. A missing log
 * file option watches nothing.
 */
final class LogFileWatch {

    private final Path file;
    private final RotatedLog log;
    private final RotatedLog.Position start;
    private final ReadyLogLine readyLine;
    private long lastSize;
    private long lastActivityNanos;

    private LogFileWatch(Path file, int rotatedFiles, Pattern readyLine) {
        this.file = file;
        this.log = file == null ? null : new RotatedLog(file, rotatedFiles);
        this.start = log == null ? RotatedLog.Position.NONE : log.end();
        this.readyLine = readyLine == null ? null : ReadyLogLine.from(log, readyLine);
        this.lastSize = start.offset();
        this.lastActivityNanos = System.nanoTime();
    }

    /** Watches the log file of {@code spec}, and the files it is rotated to, from now on, for its ready log line too. */
    static LogFileWatch of(DaemonSpec spec) {
        return new LogFileWatch(spec.logFile(), spec.rotatedLogFiles(), spec.readyLogLine());
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

    /** Whether the ready log line was written since the start began; {@code true} when none is awaited. */
    boolean readyLineSeen() {
        return readyLine == null || readyLine.seen();
    }

    /** The ready log line condition as a timeout report shows it; empty when none is awaited. */
    Optional<String> readyLineCondition() {
        return Optional.ofNullable(readyLine).map(ReadyLogLine::describe);
    }

    /**
     * The lines written since the start began (the last ones, when many), across rotations; empty without a log
     * file.
     */
    String newLines() {
        if (log == null) {
            return "";
        }
        try {
            List<RotatedLog.Part> parts = log.openSince(start);
            try {
                return OutputTail.read(parts);
            } finally {
                RotatedLog.closeAll(parts);
            }
        } catch (IOException ex) {
            return "[cannot read " + file + ": " + ex.getMessage() + "]";
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException missing) {
            return 0;
        }
    }
}
