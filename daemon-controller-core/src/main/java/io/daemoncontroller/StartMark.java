package io.daemoncontroller;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Marks every process one start creates, so that the start can find them all again: the ones that forked, called
 * {@code setsid} and lost their parent within a millisecond, and the ones that rewrote their process title over
 * their environment (redis, nginx). The mark is a resource limit, which every descendant inherits across
 * {@code fork}, {@code exec}, {@code setsid} and {@code dup2}: the command runs under util-linux
 * {@code prlimit --rttime=<mark>:unlimited}, and {@code /proc/<pid>/limits} shows the mark.
 * <p>
 * {@code RLIMIT_RTTIME} bounds only the CPU time a process under a real-time scheduling policy may use without
 * blocking, and the mark, some 156,000 years in microseconds, bounds nothing: daemons never set it, and no process
 * comes near it. Every mark lies in a range of its own ({@link #isAnyMark}), so leftovers of a start made by
 * another process, or by an earlier run of this one, are recognizable too.
 */
final class StartMark {

    private static final long BASE = 4_918_372_000_000_000_000L;
    private static final long RANGE = 1_000_000_000_000L;
    private static final String LIMIT_LINE = "Max realtime timeout";

    private final long value;

    private StartMark(long value) {
        this.value = value;
    }

    /** A mark no other start has. */
    static StartMark unique() {
        return new StartMark(BASE + ThreadLocalRandom.current().nextLong(RANGE));
    }

    /** The words that run a command under this mark. */
    List<String> prefix() {
        return List.of("prlimit", "--rttime=" + value + ":unlimited", "--");
    }

    /** The running processes that carry this mark. Reads every process's limits: keep it off the common poll. */
    List<OsProcess> processes() {
        return OsProcess.matching(pid -> markOf(pid) == value);
    }

    /** Whether {@code pid} carries the mark of a start made by this library. */
    static boolean isAnyMark(long pid) {
        long mark = markOf(pid);
        return mark >= BASE && mark < BASE + RANGE;
    }

    /** The soft {@code RLIMIT_RTTIME} of {@code pid}; -1 when unlimited, unreadable or gone. */
    private static long markOf(long pid) {
        String limits = OsProcess.procFile(pid, "limits");
        int line = limits.indexOf(LIMIT_LINE);
        if (line < 0) {
            return -1;
        }
        int from = line + LIMIT_LINE.length();
        while (from < limits.length() && limits.charAt(from) == ' ') {
            from++;
        }
        int to = from;
        while (to < limits.length() && Character.isDigit(limits.charAt(to))) {
            to++;
        }
        try {
            return to > from ? Long.parseLong(limits.substring(from, to)) : -1;
        } catch (NumberFormatException beyondLong) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "start mark " + value;
    }
}
