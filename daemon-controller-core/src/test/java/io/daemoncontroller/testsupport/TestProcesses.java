package io.daemoncontroller.testsupport;

import io.daemoncontroller.testdaemon.TestDaemonCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds, inspects and kills the processes tests launch: test daemons and child JVMs (found by this test JVM's
 * {@link TestDaemonCommand#markerArgument() marker}), or any process whose command line mentions a given text, such
 * as a test's temporary directory. Zombies are dead: they are never found.
 */
public final class TestProcesses {

    /** Where {@code session} (field 6 of {@code /proc/<pid>/stat}) is in what {@link #stat} returns. */
    private static final int SESSION = 3;

    /** Where {@code num_threads} (field 20 of {@code /proc/<pid>/stat}) is in what {@link #stat} returns. */
    private static final int NUM_THREADS = 17;

    private TestProcesses() {
    }

    /** The live test daemons and child JVMs that carry this test JVM's marker. */
    public static List<ProcessHandle> markedAlive() {
        return mentioning(TestDaemonCommand.markerArgument() + " ");
    }

    /** The live, non-zombie processes, other than this JVM, whose command line contains {@code text}. */
    public static List<ProcessHandle> mentioning(String text) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> commandLine(process).contains(text))
                .filter(process -> isAlive(process.pid()))
                .toList();
    }

    /** Sends {@code signal} (a name such as {@code STOP}) to {@code pid} with {@code kill}, which must succeed. */
    public static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * Whether {@code pid} is a live process. A zombie is not, unless the kernel still counts another thread of it:
     * a multi-threaded process that exits (a JVM, memcached) shows its main thread as a zombie a moment before the
     * others are gone, as in the library.
     */
    public static boolean isAlive(long pid) {
        return stat(pid).filter(TestProcesses::isAlive).isPresent();
    }

    private static boolean isAlive(String[] stat) {
        String state = stat[0];
        return !state.equals("Z") && !state.equals("X") || Long.parseLong(stat[NUM_THREADS]) > 1;
    }

    /** The pids of the live processes of the session {@code leader} leads, the leader included. */
    public static List<Long> sessionOf(long leader) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> stat(pid)
                            .filter(TestProcesses::isAlive)
                            .filter(stat -> pid == leader || Long.parseLong(stat[SESSION]) == leader)
                            .isPresent())
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether {@code pid} is a zombie: dead, but not yet reaped by its parent. */
    public static boolean isZombie(long pid) {
        return stat(pid).filter(stat -> stat[0].equals("Z")).isPresent();
    }

    /**
     * Kills every process whose command line mentions {@code text} with {@code SIGKILL} and waits until they are
     * gone.
     *
     * @return the command lines of the processes that were killed
     */
    public static List<String> killAllMentioning(String text) {
        return killAll("processes mentioning " + text, mentioning(text));
    }

    /**
     * Kills {@code processes} with {@code SIGKILL} and waits until they are gone.
     *
     * @param what what they are, for the failure message when they do not die
     * @return their command lines
     */
    public static List<String> killAll(String what, List<ProcessHandle> processes) {
        List<String> killed = processes.stream().map(TestProcesses::commandLine).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        Await.until(what + " to die", Duration.ofSeconds(10),
                () -> processes.stream().noneMatch(process -> isAlive(process.pid())));
        return killed;
    }

    /** The process's command line, its arguments separated by spaces; empty when it cannot be read. */
    public static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            return new String(raw).replace('\0', ' ').strip();
        } catch (IOException ex) {
            return process.info().commandLine().orElse("");
        }
    }

    /** The fields of {@code /proc/<pid>/stat} from the state on (field 3), split at spaces. */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException ex) {
            return Optional.empty();
        }
    }
}
