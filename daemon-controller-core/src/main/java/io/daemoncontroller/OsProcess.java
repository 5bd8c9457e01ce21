package io.daemoncontroller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A process of this machine, identified by its pid and its start time, so that a later process that reuses the pid
 * is never taken for it. Read from Linux's {@code /proc}. A zombie does not count as running, but a process whose
 * main thread is a zombie while other threads still run (a JVM in the middle of exiting, its sockets still open)
 * does.
 */
final class OsProcess {

    private static final Path PROC = Path.of("/proc");
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final long BOOT_EPOCH_MILLIS = bootEpochMillis();

    private final long pid;
    private final long startTicks;
    private final long groupId;

    private OsProcess(long pid, long startTicks, long groupId) {
        this.pid = pid;
        this.startTicks = startTicks;
        this.groupId = groupId;
    }

    /** The running (not zombie) process with this pid, if there is one. */
    static Optional<OsProcess> find(long pid) {
        return Optional.ofNullable(Stat.read(pid)).filter(stat -> stat.isRunning(pid))
                .map(stat -> new OsProcess(pid, stat.startTicks, stat.groupId));
    }

    /** The running members of the process group {@code groupId}. */
    static List<OsProcess> groupMembers(long groupId) {
        List<OsProcess> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                Stat stat = Stat.read(pid);
                if (stat != null && stat.groupId == groupId && stat.isRunning(pid)) {
                    members.add(new OsProcess(pid, stat.startTicks, stat.groupId));
                }
            }
        } catch (IOException ex) {
            throw new DaemonControllerException("process table", "Cannot read " + PROC + ": " + ex.getMessage(), ex);
        }
        return members;
    }

    long pid() {
        return pid;
    }

    /** Whether this process still runs: its pid names a live, non-zombie process with the same start time. */
    boolean isRunning() {
        Stat stat = Stat.read(pid);
        return stat != null && stat.startTicks == startTicks && stat.isRunning(pid);
    }

    /** Whether this process leads its own process group, as one started through {@code setsid} does. */
    boolean isGroupLeader() {
        return groupId == pid;
    }

    Instant startTime() {
        return Instant.ofEpochMilli(BOOT_EPOCH_MILLIS + startTicks * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    /** The running processes below this one in the process tree. */
    List<OsProcess> descendants() {
        List<OsProcess> found = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(handle -> handle.descendants()
                .forEach(child -> find(child.pid()).ifPresent(found::add)));
        return found;
    }

    /** Sends {@code signal} (a name such as {@code TERM}) if this process still runs. */
    void signal(String signal) {
        if (!isRunning()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        switch (signal) {
            case "TERM" -> handle.ifPresent(ProcessHandle::destroy);
            case "KILL" -> handle.ifPresent(ProcessHandle::destroyForcibly);
            default -> Signals.send(signal, pid);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OsProcess process && process.pid == pid && process.startTicks == startTicks;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid) * 31 + Long.hashCode(startTicks);
    }

    @Override
    public String toString() {
        return "pid " + pid;
    }

    private static long bootEpochMillis() {
        try {
            String uptime = Files.readString(PROC.resolve("uptime"), StandardCharsets.US_ASCII);
            double seconds = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
            return System.currentTimeMillis() - Math.round(seconds * 1000);
        } catch (IOException | RuntimeException ex) {
            throw new ExceptionInInitializerError("daemon-controller needs Linux's /proc: " + ex);
        }
    }

    /** The fields of {@code /proc/<pid>/stat} this class needs. */
    private static final class Stat {

        final char state;
        final long groupId;
        final long startTicks;

        private Stat(char state, long groupId, long startTicks) {
            this.state = state;
            this.groupId = groupId;
            this.startTicks = startTicks;
        }

        boolean isRunning(long pid) {
            if (state == 'X' || state == 'x') {
                return false;
            }
            return state != 'Z' || hasOtherThreads(pid);
        }

        private static boolean hasOtherThreads(long pid) {
            String main = Long.toString(pid);
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(PROC.resolve(main).resolve("task"))) {
                for (Path thread : threads) {
                    if (!thread.getFileName().toString().equals(main)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException gone) {
                return false;
            }
        }

        static Stat read(long pid) {
            String line;
            try {
                line = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")),
                        StandardCharsets.US_ASCII);
            } catch (IOException gone) {
                return null;
            }
            // The command name, field 2, is in parentheses and may hold spaces and parentheses of its own.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new Stat(fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[19]));
        }
    }
}
