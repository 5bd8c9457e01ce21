package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.Await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Looks at processes by pid. A daemon runs in a session of its own, led by the pid its PID file names (a wrapper
 * of the real server with {@code daemonize-for-me}), so a daemon is gone when no process of that session is left.
 * A process that exited but was not reaped (a zombie, common in containers for daemons whose parent is gone)
 * counts as gone, although {@link ProcessHandle#isAlive()} says otherwise; but not while the kernel still counts
 * another of its threads, which may still be closing its files and sockets.
 */
final class OsProcesses {

    private static final Path PROC = Path.of("/proc");

    /** Where {@code num_threads} (field 20 of {@code /proc/<pid>/stat}) is in what {@link #stat} returns. */
    private static final int NUM_THREADS = 17;

    private OsProcesses() {
    }

    /** Whether the process runs, zombies excepted. */
    static boolean isRunning(long pid) {
        if (!hasProcFileSystem()) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return stat(pid).map(stat -> !hasExited(stat)).orElse(false);
    }

    /** Waits until the process and every other process of the session it leads are gone. */
    static void awaitGone(long pid, Duration timeout) {
        Await.until("process " + pid + " and its session are gone", timeout, () -> session(pid).isEmpty());
    }

    /** Kills the process and every other process of the session it leads with {@code SIGKILL}; waits until gone. */
    static void kill(long pid) {
        session(pid).forEach(member -> ProcessHandle.of(member).ifPresent(ProcessHandle::destroyForcibly));
        awaitGone(pid, Duration.ofSeconds(10));
    }

    /** The running processes of the session led by {@code pid}, the leader included. */
    private static List<Long> session(long pid) {
        if (!hasProcFileSystem()) {
            return Stream.concat(ProcessHandle.of(pid).stream(), ProcessHandle.of(pid).stream()
                            .flatMap(ProcessHandle::descendants))
                    .filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        }
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(candidate -> stat(candidate)
                            .filter(stat -> !hasExited(stat))
                            .filter(stat -> candidate == pid || sessionId(stat) == pid)
                            .isPresent())
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + PROC, e);
        }
    }

    private static boolean hasProcFileSystem() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, ppid, pgrp, session, ... */
    private static Optional<String[]> stat(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return Optional.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasExited(String[] stat) {
        return (stat[0].equals("Z") || stat[0].equals("X")) && Long.parseLong(stat[NUM_THREADS]) <= 1;
    }

    private static long sessionId(String[] stat) {
        return Long.parseLong(stat[3]);
    }
}
