package io.daemoncontroller;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * A process of this machine, identified by its pid and its start time, so that a later process that reuses the pid
 * is never taken for it. Read from Linux's {@code /proc}. A zombie does not count as running, but a process whose
 * main thread is a zombie while other threads still run (a JVM in the middle of exiting, its sockets still open)
 * does. Linux never gives a pid to a new process while a process group or session of that id has members, so the
 * members of a dead leader's session are that leader's leftovers.
 */
final class OsProcess {

    private static final Path PROC = Path.of("/proc");
    private static final long CLOCK_TICKS_PER_SECOND = 100;
    private static final int PROC_FILE_ROOM = 4096;
    private static final long BOOT_EPOCH_MILLIS = bootEpochMillis();

    private final long pid;
    private final long startTicks;
    private final long groupId;
    private final long sessionId;

    private OsProcess(long pid, Stat stat) {
        this.pid = pid;
        this.startTicks = stat.startTicks;
        this.groupId = stat.groupId;
        this.sessionId = stat.sessionId;
    }

    /** The running (not zombie) process with this pid, if there is one. */
    static Optional<OsProcess> find(long pid) {
        Stat stat = Stat.read(pid);
        return stat != null && stat.isRunning() ? Optional.of(new OsProcess(pid, stat)) : Optional.empty();
    }

    /** The running members of the process group {@code groupId}. */
    static List<OsProcess> groupMembers(long groupId) {
        List<OsProcess> members = new ArrayList<>();
        for (OsProcess process : all()) {
            if (process.groupId == groupId) {
                members.add(process);
            }
        }
        return members;
    }

    /** The running members of the session {@code sessionId}. */
    static List<OsProcess> sessionMembers(long sessionId) {
        List<OsProcess> members = new ArrayList<>();
        for (OsProcess process : all()) {
            if (process.sessionId == sessionId) {
                members.add(process);
            }
        }
        return members;
    }

    /**
     * The pid the kernel handed out last in this process's pid namespace, to a process or a thread, from
     * {@code /proc/loadavg}; -1 when it cannot be read.
     */
    static long lastPid() {
        String loadavg = procFile("loadavg");
        try {
            return Long.parseLong(loadavg.substring(loadavg.lastIndexOf(' ') + 1).trim());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }

    /** Whether {@code pid} is that of a thread of this process that still runs. */
    static boolean isThreadOfThisProcess(long pid) {
        return new File("/proc/self/task/" + pid).exists();
    }

    /** The running processes whose pid passes {@code filter}, which may read their files in {@code /proc}. */
    static List<OsProcess> matching(LongPredicate filter) {
        List<OsProcess> found = new ArrayList<>();
        for (long pid : pids()) {
            if (filter.test(pid)) {
                Optional<OsProcess> process = find(pid);
                if (process.isPresent()) {
                    found.add(process.get());
                }
            }
        }
        return found;
    }

    private static List<OsProcess> all() {
        return matching(pid -> true);
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                pids.add(Long.parseLong(entry.getFileName().toString()));
            }
        } catch (IOException ex) {
            throw new DaemonControllerException("process table", "Cannot read " + PROC + ": " + ex.getMessage(), ex);
        }
        return pids;
    }

    /** The text of {@code /proc/<pid>/<name>}; empty when the process is gone or the file cannot be read. */
    static String procFile(long pid, String name) {
        return procFile(pid + "/" + name);
    }

    private static String procFile(String path) {
        // A FileInputStream opens, reads and closes a /proc file in a third of the time a channel of Files takes,
        // which counts in a scan of every process. A /proc file gives all it has to one read that has room for it.
        try (FileInputStream in = new FileInputStream("/proc/" + path)) {
            byte[] text = new byte[PROC_FILE_ROOM];
            int length = 0;
            int read;
            while ((read = in.read(text, length, text.length - length)) > 0) {
                length += read;
                if (length < text.length) {
                    break;
                }
                text = Arrays.copyOf(text, text.length * 2);
            }
            return new String(text, 0, length, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }

    long pid() {
        return pid;
    }

    /** Whether this process started no earlier than {@code other}, to the clock tick. */
    boolean startedNoEarlierThan(OsProcess other) {
        return startTicks >= other.startTicks;
    }

    /** The id of this process's session: its own pid for a session leader, such as a process run through setsid. */
    long sessionId() {
        return sessionId;
    }

    /** Whether this process still runs: its pid names a live, non-zombie process with the same start time. */
    boolean isRunning() {
        Stat stat = Stat.read(pid);
        return stat != null && stat.startTicks == startTicks && stat.isRunning();
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
        final long sessionId;
        final long threads;
        final long startTicks;

        private Stat(char state, long groupId, long sessionId, long threads, long startTicks) {
            this.state = state;
            this.groupId = groupId;
            this.sessionId = sessionId;
            this.threads = threads;
            this.startTicks = startTicks;
        }

        /**
         * Whether the process runs: not dead, and not a zombie unless a thread other than its first is still
         * counted. The first thread of a multi-threaded process that exits (a JVM's) can be a zombie while the
         * others still close its files and sockets; the kernel counts a thread until it has done so. The count
         * comes from the same read, where listing {@code /proc/<pid>/task} misses threads released meanwhile.
         */
        boolean isRunning() {
            if (state == 'X' || state == 'x') {
                return false;
            }
            return state != 'Z' || threads > 1;
        }

        static Stat read(long pid) {
            String line = procFile(pid, "stat");
            if (line.isEmpty()) {
                return null;
            }
            // The command name, field 2, is in parentheses and may hold spaces and parentheses of its own.
            // Fields from the state on (field 3) are separated by single spaces; their positions in the line:
            int stateAt = line.lastIndexOf(')') + 2;
            int groupIdAt = fieldsOn(line, stateAt, 5 - 3);
            int sessionIdAt = fieldsOn(line, groupIdAt, 6 - 5);
            int threadsAt = fieldsOn(line, sessionIdAt, 20 - 6);
            int startTicksAt = fieldsOn(line, threadsAt, 22 - 20);
            return new Stat(line.charAt(stateAt), number(line, groupIdAt), number(line, sessionIdAt),
                    number(line, threadsAt), number(line, startTicksAt));
        }

        /** Where the field {@code count} fields on from the one at {@code fieldAt} begins. */
        private static int fieldsOn(String line, int fieldAt, int count) {
            int at = fieldAt;
            for (int field = 0; field < count; field++) {
                at = line.indexOf(' ', at) + 1;
            }
            return at;
        }

        private static long number(String line, int from) {
            int to = line.indexOf(' ', from);
            return Long.parseLong(line, from, to < 0 ? line.length() : to, 10);
        }
    }
}
