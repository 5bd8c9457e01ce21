package io.daemoncontroller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signals a set of processes and waits for them to be gone; a zombie counts as gone. */
final class ProcessTermination {

    /** How long processes get to vanish after {@code SIGKILL}, which they cannot ignore. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    /** How long a dead daemon's helpers and relays get to exit by themselves. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(DaemonController.class);

    private final Duration longestPause;

    ProcessTermination(Duration longestPause) {
        this.longestPause = longestPause;
    }

    /** Sends {@code signal} to every process of {@code processes} that still runs. */
    void signal(Collection<OsProcess> processes, String signal) {
        for (OsProcess process : processes) {
            process.signal(signal);
        }
    }

    /** Waits until none of {@code processes} runs, or the deadline passes; returns whether they are all gone. */
    boolean awaitGone(Collection<OsProcess> processes, Deadline deadline) {
        PollSchedule polls = new PollSchedule(longestPause);
        while (anyRunning(processes)) {
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

    /**
     * Ends what is left of the session a daemon led once the daemon itself is gone: its helpers (nginx workers),
     * children and output relays, the ones a start of this library marked. They get {@link #LEFTOVER_GRACE} to
     * exit by themselves, as they do when their leader exits, then {@code SIGTERM}, then {@code SIGKILL} after
     * {@code grace}. Does nothing while a process with the session's id runs: the id then belongs to it. Looks at
     * every process only when {@code session} does not know its members (see {@link SessionMembers#running()}).
     */
    void endSessionLeftovers(SessionMembers session, Duration grace) {
        long sessionId = session.sessionId();
        if (OsProcess.find(sessionId).isPresent()) {
            return;
        }
        List<OsProcess> leftovers = new ArrayList<>();
        for (OsProcess member : session.running()) {
            if (StartMark.isAnyMark(member.pid())) {
                leftovers.add(member);
            }
        }
        if (!leftovers.isEmpty() && !awaitGone(leftovers, Deadline.after(LEFTOVER_GRACE))) {
            logger.warn("Ending what is left of the session of pid {}: {}", sessionId, leftovers);
            terminate(leftovers, grace);
        }
    }

    /** {@code SIGKILL} to every process that still runs; returns when all are gone. */
    void kill(Collection<OsProcess> processes) {
        List<OsProcess> running = new ArrayList<>();
        for (OsProcess process : processes) {
            if (process.isRunning()) {
                running.add(process);
            }
        }
        signal(running, "KILL");
        awaitGone(running, Deadline.after(KILL_GRACE));
    }

    private static boolean anyRunning(Collection<OsProcess> processes) {
        for (OsProcess process : processes) {
            if (process.isRunning()) {
                return true;
            }
        }
        return false;
    }
}
