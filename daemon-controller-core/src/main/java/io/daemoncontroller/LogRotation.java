package io.daemoncontroller;

/**
 * How a {@code daemonizeForMe} daemon's log file is bounded: at most {@code maxFiles} files (the log file and
 * {@code <log>.1} to {@code <log>.<maxFiles - 1>}) of at most {@code maxSize} bytes each (a line longer than that is
 * split across files).
 */
record LogRotation(long maxSize, int maxFiles) {

    /** Files kept by default when only the size is given. */
    static final int DEFAULT_MAX_FILES = 5;

    /** The smallest size accepted: a few lines of a log. */
    static final long MIN_MAX_SIZE = 4 * 1024;

    /** How many files the log file is rotated to, {@code <log>.1} being the newest. */
    int rotatedFiles() {
        return maxFiles - 1;
    }
}
