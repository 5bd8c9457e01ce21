package io.daemoncontroller;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A start, stop or restart command this controller runs, in a session of its own (through {@code setsid}), with
 * stdin from {@code /dev/null}. Its output goes to a temporary file.
 * <p>
 * A daemon run in the foreground ({@code daemonizeForMe}) writes through a relay in its own session: two
 * {@code tee -a -p} processes, which ignore the stop signals and outlive a closed pipe, read its stdout and stderr
 * from two FIFOs, append them to the log file and copy them to this JVM for {@link OutputRelay}. A small shell
 * starts them and then {@code exec}s the daemon, so the process this JVM holds, and the pid it writes, is the
 * daemon itself (for a command given as a list), its exit status is the daemon's, and the daemon never writes to a
 * pipe that dies with this JVM. The FIFOs are unlinked as soon as both ends are open.
 * <p>
 * It remembers every process it has seen in its tree, so that an abort reaches them all even after they were
 * orphaned.
 */
final class SpawnedCommand {

    private static final long TRACKING_INTERVAL_NANOS = 10_000_000;

    private static final String RELAY = String.join("\n",
            "log=$1; shift",
            "fifos=$(mktemp -d) && mkfifo \"$fifos/out\" \"$fifos/err\" || exit 125",
            "(trap '' HUP INT TERM; exec <\"$fifos/out\"; rm -f \"$fifos/out\"; rmdir \"$fifos\" 2>/dev/null;"
                    + " exec tee -a -p \"$log\") &",
            "(trap '' HUP INT TERM; exec <\"$fifos/err\"; rm -f \"$fifos/err\"; rmdir \"$fifos\" 2>/dev/null;"
                    + " exec tee -a -p \"$log\" >&2) &",
            "exec \"$@\" >\"$fifos/out\" 2>\"$fifos/err\"");

    private final String role;
    private final CommandLine commandLine;
    private final Process process;
    private final Path outputFile;
    private final Set<OsProcess> tree = new LinkedHashSet<>();
    private long lastTrackedNanos = System.nanoTime() - TRACKING_INTERVAL_NANOS;

    private SpawnedCommand(String role, CommandLine commandLine, Process process, Path outputFile) {
        this.role = role;
        this.commandLine = commandLine;
        this.process = process;
        this.outputFile = outputFile;
        OsProcess.find(process.pid()).ifPresent(tree::add);
    }

    /** Runs {@code command}, called {@code role} in messages, with its output captured in a temporary file. */
    static SpawnedCommand capturingOutput(String role, CommandLine command, DaemonSpec spec) throws IOException {
        Path output = Files.createTempFile("daemon-controller-", ".out");
        try {
            return new SpawnedCommand(role, command, builder(command.argv(), spec).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start(), output);
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(output);
            throw ex;
        }
    }

    /** Runs {@code command} as the daemon itself, its output appended to the log file and relayed to the logs. */
    static SpawnedCommand asDaemon(CommandLine command, DaemonSpec spec) throws IOException {
        Files.createDirectories(spec.logFile().getParent());
        List<String> relayed = new ArrayList<>(List.of("/bin/sh", "-c", RELAY, "daemon-controller-relay",
                spec.logFile().toString()));
        relayed.addAll(command.argv());
        Process daemon = builder(relayed, spec).start();
        OutputRelay.start(spec.loggerName(), spec.identifier(), daemon);
        return new SpawnedCommand("start command", command, daemon, null);
    }

    private static ProcessBuilder builder(List<String> command, DaemonSpec spec) {
        List<String> argv = new ArrayList<>();
        argv.add("setsid");
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(spec.workingDirectory().toFile())
                .redirectInput(new File("/dev/null"));
        builder.environment().putAll(spec.environment());
        return builder;
    }

    /** What the command is for, such as {@code "start command"}. */
    String role() {
        return role;
    }

    CommandLine commandLine() {
        return commandLine;
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** How the command ended, if it has. */
    Optional<ProcessExit> exit() {
        return process.isAlive() ? Optional.empty() : Optional.of(ProcessExit.fromExitValue(process.exitValue()));
    }

    /** Pauses for {@code nanos}, or less if the command ends meanwhile. */
    void pauseUnlessExit(long nanos) {
        if (!process.isAlive()) {
            LockSupport.parkNanos(nanos);
            return;
        }
        try {
            process.onExit().get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            return;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DaemonControllerException(commandLine.display(), "Interrupted while running "
                    + commandLine, ex);
        }
    }

    /**
     * Adds the processes now below the command to the ones it is known to have started. Listing them reads the
     * whole process table, so this looks at most every {@link #TRACKING_INTERVAL_NANOS}: enough to see a daemon
     * before its launcher exits and orphans it, and the launcher's process group catches the rest.
     */
    void trackDescendants() {
        if (System.nanoTime() - lastTrackedNanos >= TRACKING_INTERVAL_NANOS) {
            track();
        }
    }

    private void track() {
        lastTrackedNanos = System.nanoTime();
        if (process.isAlive()) {
            OsProcess.find(process.pid()).ifPresent(root -> tree.addAll(root.descendants()));
        }
    }

    /**
     * Every process this command started that still runs: the ones seen in its tree, and the members of the
     * process group it leads.
     */
    Set<OsProcess> runningTree() {
        track();
        Set<OsProcess> running = new LinkedHashSet<>();
        tree.stream().filter(OsProcess::isRunning).forEach(running::add);
        running.addAll(OsProcess.groupMembers(process.pid()));
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
