package io.daemoncontroller;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of a session, remembered at one instant with the last pid the kernel had handed out, so that once the
 * session's leader is gone what is left of the session is known without a scan of every process: the members of
 * then that still run, unless a process was created since. No process joins a session it was not created in, so a
 * member that was not there then was created since, with a pid handed out since. Pids handed out since to threads
 * of this JVM (a process reaper, a pool's worker) are none of the session's; any other means every process is
 * looked at.
 */
final class SessionMembers {

    private static final long UNKNOWN = -1;

    /** The most pids handed out since that are checked one by one, rather than looking at every process. */
    private static final long MOST_PIDS_CHECKED = 32;

    private final long sessionId;
    private final long lastPid;
    private final List<OsProcess> members;

    private SessionMembers(long sessionId, long lastPid, List<OsProcess> members) {
        this.sessionId = sessionId;
        this.lastPid = lastPid;
        this.members = members;
    }

    /** The members of session {@code sessionId} now. */
    static SessionMembers remembered(long sessionId) {
        long lastPid = OsProcess.lastPid();
        return new SessionMembers(sessionId, lastPid, OsProcess.sessionMembers(sessionId));
    }

    /** Session {@code sessionId}, of which nothing is remembered: {@link #running()} looks at every process. */
    static SessionMembers unremembered(long sessionId) {
        return new SessionMembers(sessionId, UNKNOWN, List.of());
    }

    long sessionId() {
        return sessionId;
    }

    /** The members that run now. */
    List<OsProcess> running() {
        if (lastPid == UNKNOWN || processCreatedSince()) {
            return OsProcess.sessionMembers(sessionId);
        }
        List<OsProcess> running = new ArrayList<>();
        for (OsProcess member : members) {
            if (member.isRunning()) {
                running.add(member);
            }
        }
        return running;
    }

    private boolean processCreatedSince() {
        long now = OsProcess.lastPid();
        if (now < lastPid || now - lastPid > MOST_PIDS_CHECKED) {
            return true;
        }
        for (long pid = lastPid + 1; pid <= now; pid++) {
            if (!OsProcess.isThreadOfThisProcess(pid)) {
                return true;
            }
        }
        return false;
    }
}
