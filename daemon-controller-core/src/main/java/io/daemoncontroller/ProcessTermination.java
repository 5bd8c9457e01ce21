package io.daemoncontroller;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Signals a set of processes and waits for them to be gone; a zombie counts as gone. */
final class ProcessTermination {

    /** How long processes get to vanish after {@code SIGKILL}, which they cannot ignore. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private final Duration longestPause;

    ProcessTermination(Duration longestPause) {
        this.longestPause = longestPause;
    }

    /** Sends {@code signal} to every process of {@code processes} that still runs. */
    void signal(Collection<OsProcess> processes, String signal) {
        processes.forEach(process -> process.signal(signal));
    }

    /** Waits until none of {@code processes} runs, or the deadline passes; returns whether they are all gone. */
    boolean awaitGone(Collection<OsProcess> processes, Deadline deadline) {
        PollSchedule polls = new PollSchedule(longestPause);
        while (processes.stream().anyMatch(OsProcess::isRunning)) {
            if (deadline.hasPassed()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(polls.nextPauseNanos(0), deadline.remainingNanos()));
        }
        return true;
    }

    /** {@code SIGTERM}, then {@code SIGKILL} to whatever still runs after {@code grace}; returns when all are gone. */
    void terminate(Collection<OsProcess> processes, Duration grace) {
        signal(processes, "TERM");
        if (!awaitGone(processes, Deadline.after(grace))) {
            kill(processes);
        }
    }

    /** {@code SIGKILL} to every process that still runs; returns when all are gone. */
    void kill(Collection<OsProcess> processes) {
        List<OsProcess> running = processes.stream().filter(OsProcess::isRunning).toList();
        signal(running, "KILL");
        awaitGone(running, Deadline.after(KILL_GRACE));
    }
}
