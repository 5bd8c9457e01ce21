package io.daemoncontroller;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A start, stop or restart command this controller runs, in a session of its own (through {@code setsid}), with
 * stdin from {@code /dev/null}, under a {@link StartMark} that every process it creates inherits. Its output goes
 * to a temporary file.
 * <p>
 * A daemon run in the foreground ({@code daemonizeForMe}) writes through a relay in its own session: two
 * {@code tee -a -p} processes, which ignore the stop signals and outlive a closed pipe, read its stdout and stderr
 * from two FIFOs, append them to the log file and copy them to this JVM for {@link OutputRelay}. A small shell
 * starts them and then {@code exec}s the daemon, so the process this JVM holds, and the pid it writes, is the
 * daemon itself (for a list, or a single simple shell command, which runs as {@code exec <command>}), its exit
 * status is the daemon's, and the daemon never writes to a pipe that dies with this JVM. The FIFOs are unlinked as
 * soon as both ends are open. With a {@link LogRotation}, the {@code tee}s write into one more FIFO, read by a
 * {@code split} that rotates the log file at line boundaries (see {@link #ROTATING_RELAY}), in the same session.
 * <p>
 * A daemon with a {@link RunAs user} runs its command through {@code setpriv}, last before the command: {@code setsid}
 * and {@code prlimit} run as this JVM's user (the new session and the mark survive the switch, which changes only
 * the ids), and so do the relay's shell and its two {@code tee}s, which opened the FIFOs and append to the log file,
 * so the log file belongs to this JVM's user and its directory needs no permission for the daemon's.
 */
final class SpawnedCommand {

    private static final String RELAY = String.join("\n",
            "log=$1; shift",
            "fifos=$(mktemp -d) && mkfifo \"$fifos/out\" \"$fifos/err\" || exit 125",
            "(trap '' HUP INT TERM; exec <\"$fifos/out\"; rm -f \"$fifos/out\"; rmdir \"$fifos\" 2>/dev/null;"
                    + " exec tee -a -p \"$log\") &",
            "(trap '' HUP INT TERM; exec <\"$fifos/err\"; rm -f \"$fifos/err\"; rmdir \"$fifos\" 2>/dev/null;"
                    + " exec tee -a -p \"$log\" >&2) &",
            "exec \"$@\" >\"$fifos/out\" 2>\"$fifos/err\"");

    /**
     * The relay of a daemon whose log file is rotated: its two {@code tee}s copy to this JVM and write into one
     * FIFO, read by GNU {@code split -C <max size>}, which cuts the stream into pieces of whole lines of at most that
     * size and pipes each to a new shell that rotates the log files (if the log file is not empty) and appends the
     * piece with {@code cat}. split waits for a piece's shell before it starts the next one, so the files are renamed
     * only when every line before is written.
     */
    private static final String ROTATING_RELAY = """
            log=$1; max=$2; files=$3; shift 3
            fifos=$(mktemp -d) && mkfifo "$fifos/out" "$fifos/err" "$fifos/log" || exit 125
            rotate='[ ! -s "$LOG" ] || { i=$((FILES - 1)); while [ "$i" -gt 1 ]; do
            [ ! -e "$LOG.$((i - 1))" ] || mv -f "$LOG.$((i - 1))" "$LOG.$i"; i=$((i - 1)); done
            if [ "$FILES" -gt 1 ]; then mv -f "$LOG" "$LOG.1"; else rm -f "$LOG"; fi; }; exec cat >>"$LOG"'
            (trap '' HUP INT TERM; exec <"$fifos/log"; rm -f "$fifos/log"; rmdir "$fifos" 2>/dev/null
             LOG=$log FILES=$files SHELL=/bin/sh exec split -a 16 -C "$max" --filter="$rotate" - "$fifos/") &
            exec 3>"$fifos/log"
            (trap '' HUP INT TERM; exec <"$fifos/out"; rm -f "$fifos/out"; rmdir "$fifos" 2>/dev/null
             exec tee -p /dev/fd/3) &
            (trap '' HUP INT TERM; exec <"$fifos/err"; rm -f "$fifos/err"; rmdir "$fifos" 2>/dev/null
             exec tee -p /dev/fd/3 >&2) &
            exec "$@" >"$fifos/out" 2>"$fifos/err" 3>&-
            """;

    /** How much earlier than its real start /proc may show a process to start: its clock ticks and boot time. */
    private static final Duration PROC_CLOCK_SLACK = Duration.ofMillis(30);

    private final String role;
    private final CommandLine commandLine;
    private final Instant startedAt;
    private final Process process;
    private final CompletableFuture<Process> exit;
    private final Path outputFile;
    private final StartMark mark;
    private final RunAs runAs;

    private SpawnedCommand(String role, CommandLine commandLine, Instant startedAt, Process process, Path outputFile,
            StartMark mark, RunAs runAs) {
        this.role = role;
        this.startedAt = startedAt.minus(PROC_CLOCK_SLACK);
        this.commandLine = commandLine;
        this.process = process;
        this.exit = process.onExit();
        this.outputFile = outputFile;
        this.mark = mark;
        this.runAs = runAs;
    }

    /** Runs {@code command}, called {@code role} in messages, with its output captured in a temporary file. */
    static SpawnedCommand capturingOutput(String role, CommandLine command, DaemonSpec spec) throws IOException {
        Path output = Files.createTempFile("daemon-controller-", ".out");
        StartMark mark = StartMark.unique();
        Instant startedAt = Instant.now();
        try {
            return new SpawnedCommand(role, command, startedAt, builder(mark, asUser(command.argv(), spec), spec)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start(), output, mark, spec.runAs());
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(output);
            throw ex;
        }
    }

    /** Runs {@code command} as the daemon itself, its output appended to the log file and relayed to the logs. */
    static SpawnedCommand asDaemon(CommandLine command, DaemonSpec spec) throws IOException {
        Files.createDirectories(spec.logFile().getParent());
        List<String> relayed = new ArrayList<>(List.of("/bin/sh", "-c"));
        LogRotation rotation = spec.logRotation();
        if (rotation == null) {
            relayed.addAll(List.of(RELAY, "daemon-controller-relay", spec.logFile().toString()));
        } else {
            relayed.addAll(List.of(ROTATING_RELAY, "daemon-controller-relay", spec.logFile().toString(),
                    Long.toString(rotation.maxSize()), Integer.toString(rotation.maxFiles())));
        }
        relayed.addAll(asUser(command.execArgv(), spec));
        StartMark mark = StartMark.unique();
        Instant startedAt = Instant.now();
        Process daemon = builder(mark, relayed, spec).start();
        OutputRelay.start(spec, daemon);
        return new SpawnedCommand("start command", command, startedAt, daemon, null, mark, spec.runAs());
    }

    private static ProcessBuilder builder(StartMark mark, List<String> command, DaemonSpec spec) {
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.addAll(mark.prefix());
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(spec.workingDirectory().toFile())
                .redirectInput(new File("/dev/null"));
        if (spec.runAs() != null) {
            spec.runAs().putIdentity(builder.environment());
        }
        builder.environment().putAll(spec.environment());
        return builder;
    }

    /** {@code argv} as the words that run it as the daemon's user. */
    private static List<String> asUser(List<String> argv, DaemonSpec spec) {
        if (spec.runAs() == null) {
            return argv;
        }
        List<String> switched = new ArrayList<>(spec.runAs().prefix());
        switched.addAll(argv);
        return switched;
    }

    /** A moment before the command started, as /proc tells start times: no process it created started earlier. */
    Instant startedAt() {
        return startedAt;
    }

    /** What the command is for, such as {@code "start command"}. */
    String role() {
        return role;
    }

    CommandLine commandLine() {
        return commandLine;
    }

    /** The user the command runs as, when it is not this JVM's. */
    Optional<RunAs> runAs() {
        return Optional.ofNullable(runAs);
    }

    long pid() {
        return process.pid();
    }

    /** The command's exit, the one future of it (each {@link Process#onExit()} queues work of its own). */
    CompletableFuture<Process> onExit() {
        return exit;
    }

    /** How the command ended, if it has. */
    Optional<ProcessExit> exit() {
        return process.isAlive() ? Optional.empty() : Optional.of(ProcessExit.fromExitValue(process.exitValue()));
    }

    /** Pauses for {@code nanos}, or less if the command ends meanwhile. */
    void pauseUnlessExit(long nanos) {
        if (exit.isDone()) {
            LockSupport.parkNanos(nanos);
            return;
        }
        awaitExit(nanos);
    }

    /** Waits for the command to end, at most {@code nanos}; returns at once if it has ended. */
    void awaitExit(long nanos) {
        try {
            exit.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            return;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DaemonControllerException(commandLine.display(), "Interrupted while running "
                    + commandLine, ex);
        }
    }

    /**
     * Every process this command created that still runs, wherever it went: the ones that carry its mark, and the
     * members of the session it leads. Reads the whole process table.
     */
    List<OsProcess> runningProcesses() {
        List<OsProcess> running = new ArrayList<>(mark.processes());
        OsProcess.sessionMembers(process.pid()).stream().filter(member -> !running.contains(member))
                .forEach(running::add);
        return running;
    }

    /** What the command wrote, its end when long; empty for a daemon whose output goes to its log file. */
    String output() {
        return outputFile == null ? "" : OutputTail.read(outputFile, 0);
    }

    /** Deletes the captured output. */
    void discardOutput() {
        if (outputFile != null) {
            try {
                Files.deleteIfExists(outputFile);
            } catch (IOException harmless) {
                outputFile.toFile().deleteOnExit();
            }
        }
    }
}
