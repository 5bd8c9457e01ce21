package io.daemoncontroller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Watches a daemon's log file during one start: which lines it gained since the start began (all of it, if it did
 * not exist then), when it last grew, and whether the ready log line, if any, was written since. A missing log
 * file option watches nothing.
 */
final class LogFileWatch {

    private final Path file;
    private final long startSize;
    private final ReadyLogLine readyLine;
    private long lastSize;
    private long lastActivityNanos;

    private LogFileWatch(Path file, Pattern readyLine) {
        this.file = file;
        this.startSize = file == null ? 0 : size(file);
        this.readyLine = readyLine == null ? null : ReadyLogLine.from(file, readyLine);
        this.lastSize = startSize;
        this.lastActivityNanos = System.nanoTime();
    }

    /** Watches {@code file} from now on, for {@code readyLine} too unless it is {@code null}. */
    static LogFileWatch of(Path file, Pattern readyLine) {
        return new LogFileWatch(file, readyLine);
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
