package io.daemoncontroller;

/**
 * Tells, once a start command has exited, whether any process it started still runs: the daemon it left in the
 * background, or a helper on the way to it. When none does and the daemon never answered, the start is dead and
 * waiting longer only delays the report. Finding them reads every process's limits, some milliseconds, so it looks
 * at most every {@link #CHECK_INTERVAL_NANOS}, and never while the command runs. One look can miss a daemon that
 * forks and lets its parent exit meanwhile (the child appears after the look listed {@code /proc}, the parent is gone
 * by the time its limits are read), as happened to several of ten daemons started in parallel on a busy machine: so
 * the start is dead only when two looks in a row, an interval apart, find nothing.
 */
final class StartLiveness {

    private static final long CHECK_INTERVAL_NANOS = 50_000_000;

    private final SpawnedCommand command;
    private long lastCheckNanos;
    private boolean checked;
    private int emptyLooksInARow;

    StartLiveness(SpawnedCommand command) {
        this.command = command;
    }

    /**
     * Whether the command exited and every process it started has exited too, as two looks in a row found; false
     * until the next look is due.
     */
    boolean everyProcessExited() {
        if (command.exit().isEmpty() || (checked && System.nanoTime() - lastCheckNanos < CHECK_INTERVAL_NANOS)) {
            return false;
        }
        checked = true;
        lastCheckNanos = System.nanoTime();
        if (!command.runningProcesses().isEmpty()) {
            emptyLooksInARow = 0;
            return false;
        }
        return ++emptyLooksInARow >= 2;
    }
}
