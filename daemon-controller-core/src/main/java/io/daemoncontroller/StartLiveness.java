package io.daemoncontroller;

/**
 * Tells, once a start command has exited, whether any process it started still runs: the daemon it left in the
 * background, or a helper on the way to it. When none does and the daemon never answered, the start is dead and
 * waiting longer only delays the report. Finding them reads every process's limits, some milliseconds, so it looks
 * at most every {@link #CHECK_INTERVAL_NANOS}, and never while the command runs.
 */
final class StartLiveness {

    private static final long CHECK_INTERVAL_NANOS = 50_000_000;

    private final SpawnedCommand command;
    private long lastCheckNanos;
    private boolean checked;

    StartLiveness(SpawnedCommand command) {
        this.command = command;
    }

    /** Whether the command exited and every process it started has exited too; false until the next check is due. */
    boolean everyProcessExited() {
        if (command.exit().isEmpty() || (checked && System.nanoTime() - lastCheckNanos < CHECK_INTERVAL_NANOS)) {
            return false;
        }
        checked = true;
        lastCheckNanos = System.nanoTime();
        return command.runningProcesses().isEmpty();
    }
}
