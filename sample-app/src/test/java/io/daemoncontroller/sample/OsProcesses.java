package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.TestProcesses;

import java.time.Duration;

/**
 * Looks at processes by pid. A daemon runs in a session of its own, led by the pid its PID file names (a wrapper
 * of the real server with {@code daemonize-for-me}), so a daemon is gone when no process of that session is left.
 * A process that exited but was not reaped (a zombie, common in containers for daemons whose parent is gone)
 * counts as gone, although {@link ProcessHandle#isAlive()} says otherwise; but not while the kernel still counts
 * another of its threads, which may still be closing its files and sockets.
 */
final class OsProcesses {

    private OsProcesses() {
    }

    /** Whether the process runs, zombies excepted. */
    static boolean isRunning(long pid) {
        return TestProcesses.isAlive(pid);
    }

    /** Waits until the process and every other process of the session it leads are gone. */
    static void awaitGone(long pid, Duration timeout) {
        Await.until("process " + pid + " and its session are gone", timeout,
                () -> TestProcesses.sessionOf(pid).isEmpty());
    }

    /** Kills the process and every other process of the session it leads with {@code SIGKILL}; waits until gone. */
    static void kill(long pid) {
        TestProcesses.sessionOf(pid).forEach(member -> ProcessHandle.of(member)
                .ifPresent(ProcessHandle::destroyForcibly));
        awaitGone(pid, Duration.ofSeconds(10));
    }
}
