package io.daemoncontroller;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link DaemonController} does, step by step: start (lock, check, delete the old PID file, before-start
 * hook, spawn, wait for the command, the PID file and the ping, or abort), stop, restart, connect, and the running
 * check. Someone debugging a failed start finds every step here, in order. Each step reports to the
 * {@link StatusTracker}, and a started daemon is handed to the {@link Supervisor} to watch.
 */
final class Daemon {

    private static final Logger logger = LoggerFactory.getLogger(DaemonController.class);

    private final DaemonSpec spec;
    private final String identifier;
    private final PidFile pidFile;
    private final StopMarker stopMarker;
    private final ProcessTermination termination;
    private final StatusTracker status;
    private final Supervisor supervisor;
    private volatile LockFile lockFile;

    Daemon(DaemonSpec spec) {
        this.spec = spec;
        this.identifier = spec.identifier();
        this.pidFile = new PidFile(identifier, spec.pidFile());
        this.stopMarker = new StopMarker(identifier, spec.pidFile());
        this.termination = new ProcessTermination(spec.pingInterval());
        this.status = new StatusTracker(identifier);
        this.supervisor = new Supervisor(spec, status, stopMarker, this::restartAfterDeath);
    }

    void start() {
        try (LockFile.Held exclusive = lock().exclusive()) {
            Optional<OsProcess> running = pidFile.runningDaemon();
            if (running.isPresent()) {
                adopt(running.get());
                throw new AlreadyStartedException(identifier, running.get().pid());
            }
            startOnRequestLocked();
        }
    }

    private void startOnRequestLocked() {
        supervisor.forgetDeaths();
        status.startingOnRequest();
        try {
            startLocked();
        } catch (RuntimeException ex) {
            status.failedToStart(ex.getMessage());
            throw ex;
        }
    }

    private void startLocked() {
        Deadline deadline = Deadline.after(spec.startTimeout());
        stopMarker.clear();
        pidFile.delete();
        pidFile.createDirectory();
        LogFileWatch log = LogFileWatch.of(spec.logFile());
        runBeforeStart(deadline, log);
        SpawnedCommand command = spawnStartCommand(log);
        try {
            awaitReady(command, log, deadline, spec.daemonizeForMe());
            running(deadline, spec.daemonizeForMe() ? command.process() : null);
        } catch (RuntimeException ex) {
            abort(command);
            throw ex;
        } finally {
            command.discardOutput();
        }
    }

    private void runBeforeStart(Deadline deadline, LogFileWatch log) {
        try {
            spec.beforeStart().run();
        } catch (RuntimeException ex) {
            throw new StartException(identifier, FailureReport.of(identifier, "failed to start", "beforeStart threw "
                    + ex).logLines(log).endingWith("beforeStart failed"), "", log.newLines(), null, ex);
        }
        if (deadline.hasPassed()) {
            throw timeout("beforeStart took longer than the start timeout of "
                    + Timeouts.format(spec.startTimeout()), null, log);
        }
    }

    private SpawnedCommand spawnStartCommand(LogFileWatch log) {
        SpawnedCommand command;
        try {
            command = spec.daemonizeForMe()
                    ? SpawnedCommand.asDaemon(spec.startCommand(), spec)
                    : SpawnedCommand.capturingOutput("start command", spec.startCommand(), spec);
        } catch (IOException ex) {
            throw new StartException(identifier, FailureReport.of(identifier, "failed to start",
                    "cannot run the start command " + spec.startCommand() + " in " + spec.workingDirectory()
                            + ": " + ex.getMessage()).logLines(log).endingWith("not started"),
                    "", log.newLines(), null, ex);
        }
        if (spec.daemonizeForMe()) {
            try {
                pidFile.write(command.pid());
            } catch (RuntimeException ex) {
                abort(command);
                throw ex;
            }
        }
        return command;
    }

    private void running(Deadline startDeadline, Process child) {
        OsProcess daemon = pidFile.runningDaemon().orElseThrow(() -> new StartException(identifier, identifier
                + " failed to start: it answered, but its PID file " + pidFile.path() + " no longer names it",
                "", "", null));
        logger.info("Started {} (pid {}) in {} ms", identifier, daemon.pid(), startDeadline.elapsed().toMillis());
        status.started(daemon.pid(), startDeadline.elapsed());
        supervisor.watch(daemon, child);
    }

    /** Takes a daemon found running as this controller's, when it thought none ran. */
    private void adopt(OsProcess daemon) {
        DaemonState state = status.current().state();
        if (state == DaemonState.STOPPED || state == DaemonState.FAILED || state == DaemonState.BACKOFF) {
            stopMarker.clear();
            status.foundRunning(daemon.pid(), "found running (pid " + daemon.pid() + ")");
            supervisor.watch(daemon, null);
        }
    }

    /** Starts the daemon again after it died, unless it was started or stopped meanwhile, here or elsewhere. */
    private void restartAfterDeath() {
        try (LockFile.Held exclusive = lock().exclusive()) {
            if (status.current().state() != DaemonState.BACKOFF || supervisor.isClosed()) {
                return;
            }
            if (stopMarker.isSet()) {
                status.stopped("stopped on purpose by another process");
                return;
            }
            Optional<OsProcess> running = pidFile.runningDaemon();
            if (running.isPresent()) {
                adopt(running.get());
                return;
            }
            status.restarting("restarting after a death");
            try {
                startLocked();
            } catch (RuntimeException ex) {
                supervisor.restartFailed(ex);
            }
        } catch (RuntimeException lockFailure) {
            logger.error("Cannot restart {}: {}", identifier, lockFailure.getMessage(), lockFailure);
        }
    }

    /**
     * Returns when the daemon is ready: the command exited with status 0 (unless it is the daemon itself), the PID
     * file names a running daemon, and the ping answers. Fails as soon as the command fails or the daemon dies, and
     * when the deadline passes or the daemon's log stays idle too long.
     */
    private void awaitReady(SpawnedCommand command, LogFileWatch log, Deadline deadline, boolean commandIsDaemon) {
        PollSchedule polls = new PollSchedule(spec.pingInterval());
        boolean inBackground = commandIsDaemon;
        while (true) {
            if (!commandIsDaemon) {
                command.trackDescendants();
            }
            Optional<ProcessExit> exit = command.exit();
            if (exit.isPresent() && (commandIsDaemon || !exit.get().isSuccess())) {
                String reason = commandIsDaemon ? "the daemon exited before it answered " + spec.ping()
                        : "the " + command.role() + " failed";
                throw new StartException(identifier, FailureReport.of(identifier, "failed to start", reason)
                        .command(command).logLines(log).endingWith(exit.get().toString()),
                        command.output(), log.newLines(), exit.get());
            }
            if (exit.isPresent() && !inBackground) {
                inBackground = true;
                log.restartIdleClock();
            }
            long probeNanos = 0;
            PidFile.Content pid = pidFile.read();
            if (pid.pid().isPresent()) {
                if (pidFile.runningDaemon(pid).isEmpty()) {
                    if (commandIsDaemon) {
                        // Gone from /proc a moment before the JDK reaps it: its exit, with the status, comes next.
                        command.pauseUnlessExit(deadline.remainingNanos());
                        continue;
                    }
                    throw new StartException(identifier, FailureReport.of(identifier, "failed to start",
                            "the daemon (pid " + pid.pid().getAsLong() + ", from " + pidFile.path()
                                    + ") exited before it answered " + spec.ping())
                            .command(command).logLines(log).endingWith("daemon exited"),
                            command.output(), log.newLines(), null);
                }
                if (inBackground) {
                    long probeStart = System.nanoTime();
                    if (answers(command, log)) {
                        return;
                    }
                    probeNanos = System.nanoTime() - probeStart;
                }
            }
            if (deadline.hasPassed()) {
                throw timeout(notReadyReason(command, pid, inBackground, "within " + Timeouts.format(spec.startTimeout())),
                        command, log);
            }
            if (inBackground && log.idleNanos() > spec.logFileActivityTimeout().toNanos()) {
                throw timeout("it wrote nothing to " + log.file() + " and was not ready for "
                        + Timeouts.format(spec.logFileActivityTimeout()) + " (logFileActivityTimeout)", command, log);
            }
            command.pauseUnlessExit(Math.min(polls.nextPauseNanos(probeNanos), deadline.remainingNanos()));
        }
    }

    private boolean answers(SpawnedCommand command, LogFileWatch log) {
        try {
            return spec.ping().answers();
        } catch (Exception ex) {
            throw new StartException(identifier, FailureReport.of(identifier, "failed to start", "its ping "
                    + spec.ping() + " failed: " + ex).command(command).logLines(log).endingWith("ping failed"),
                    command.output(), log.newLines(), null, ex);
        }
    }

    private String notReadyReason(SpawnedCommand command, PidFile.Content pid, boolean inBackground,
            String within) {
        if (!inBackground) {
            return "the " + command.role() + " did not exit " + within + " (if it stays in the foreground, let the"
                    + " controller daemonize it: daemonizeForMe)";
        }
        if (pid.pid().isEmpty()) {
            return "its PID file " + pidFile.path() + (pid.isInvalid() ? " held no valid pid " : " did not appear ")
                    + within;
        }
        return "it did not answer " + spec.ping() + " " + within;
    }

    private StartTimeoutException timeout(String reason, SpawnedCommand command, LogFileWatch log) {
        return new StartTimeoutException(identifier, FailureReport.of(identifier, "failed to start", reason)
                .command(command).logLines(log).endingWith("timed out"),
                command == null ? "" : command.output(), log.newLines());
    }

    /** Ends a failed start: {@code SIGTERM}, then {@code SIGKILL}, to every process it created; removes the PID file. */
    private void abort(SpawnedCommand command) {
        Set<OsProcess> processes = new LinkedHashSet<>(command.runningTree());
        pidFile.runningDaemon().ifPresent(daemon -> {
            processes.add(daemon);
            processes.addAll(daemon.descendants());
        });
        termination.terminate(processes, spec.startAbortTimeout());
        pidFile.delete();
    }

    void stop() {
        try (LockFile.Held exclusive = lock().exclusive()) {
            stopOnRequestLocked();
        }
    }

    private void stopOnRequestLocked() {
        supervisor.unwatch();
        supervisor.forgetDeaths();
        status.stopping();
        stopMarker.set();
        try {
            stopLocked();
            status.stopped("stopped on request");
        } catch (RuntimeException ex) {
            pidFile.runningDaemon().ifPresentOrElse(daemon -> {
                stopMarker.clear();
                status.foundRunning(daemon.pid(), "still running after a failed stop");
                supervisor.watch(daemon, null);
            }, () -> status.stopped("stopped after a failed stop: " + ex.getMessage()));
            throw ex;
        }
    }

    private void stopLocked() {
        Deadline deadline = Deadline.after(spec.stopTimeout());
        PidFile.Content pid = pidFile.read();
        Optional<OsProcess> daemon = pidFile.runningDaemon(pid);
        if (daemon.isEmpty()) {
            if (pid.isInvalid() && spec.stopCommand() != null && !spec.dontStopIfPidFileInvalid()) {
                runStopCommand(deadline);
            }
            return;
        }
        Set<OsProcess> processes = processesToStop(daemon.get());
        if (spec.stopCommand() != null) {
            runStopCommand(deadline);
        } else {
            termination.signal(processes, spec.stopSignal());
        }
        if (!termination.awaitGone(processes, deadline)) {
            processes.addAll(daemon.get().descendants());
            termination.kill(processes);
            pidFile.deleteIfUnchanged(pid);
            throw new StopTimeoutException(identifier, identifier + " did not exit within "
                    + Timeouts.format(spec.stopTimeout()) + " (stopTimeout) and was killed with SIGKILL (pid "
                    + daemon.get().pid() + ")\n(timed out)", "");
        }
        pidFile.deleteIfUnchanged(pid);
        logger.info("Stopped {} (pid {}) in {} ms", identifier, daemon.get().pid(), deadline.elapsed().toMillis());
    }

    /**
     * The processes a stop signals and waits for: the daemon; and, when this controller runs it in a session of
     * its own, everything in its process group, such as the real daemon behind a shell that did not {@code exec}.
     */
    private Set<OsProcess> processesToStop(OsProcess daemon) {
        Set<OsProcess> processes = new LinkedHashSet<>();
        processes.add(daemon);
        if (spec.daemonizeForMe() && daemon.isGroupLeader()) {
            processes.addAll(OsProcess.groupMembers(daemon.pid()));
            processes.addAll(daemon.descendants());
        }
        return processes;
    }

    private void runStopCommand(Deadline deadline) {
        SpawnedCommand command;
        try {
            command = SpawnedCommand.capturingOutput("stop command", spec.stopCommand(), spec);
        } catch (IOException ex) {
            throw new StopException(identifier, identifier + " failed to stop: cannot run the stop command "
                    + spec.stopCommand() + ": " + ex.getMessage(), "", null);
        }
        try {
            while (command.exit().isEmpty() && !deadline.hasPassed()) {
                command.pauseUnlessExit(deadline.remainingNanos());
            }
            Optional<ProcessExit> exit = command.exit();
            if (exit.isEmpty()) {
                termination.kill(command.runningTree());
                throw new StopTimeoutException(identifier, FailureReport.of(identifier, "failed to stop",
                        "the stop command did not finish within " + Timeouts.format(spec.stopTimeout())
                                + " (stopTimeout) and was killed").command(command).endingWith("timed out"),
                        command.output());
            }
            if (!exit.get().isSuccess()) {
                throw new StopException(identifier, FailureReport.of(identifier, "failed to stop",
                        "the stop command failed").command(command).endingWith(exit.get().toString()),
                        command.output(), exit.get());
            }
        } finally {
            command.discardOutput();
        }
    }

    void restart() {
        try (LockFile.Held exclusive = lock().exclusive()) {
            if (spec.restartCommand() == null) {
                stopOnRequestLocked();
                startOnRequestLocked();
                return;
            }
            supervisor.unwatch();
            supervisor.forgetDeaths();
            stopMarker.clear();
            status.startingOnRequest();
            Deadline deadline = Deadline.after(spec.startTimeout());
            LogFileWatch log = LogFileWatch.of(spec.logFile());
            SpawnedCommand command;
            try {
                command = SpawnedCommand.capturingOutput("restart command", spec.restartCommand(), spec);
            } catch (IOException ex) {
                throw new StartException(identifier, identifier + " failed to restart: cannot run the restart "
                        + "command " + spec.restartCommand() + ": " + ex.getMessage(), "", "", null, ex);
            }
            try {
                awaitReady(command, log, deadline, false);
                running(deadline, null);
            } catch (RuntimeException ex) {
                pidFile.runningDaemon().ifPresentOrElse(this::adopt, () -> status.failedToStart(ex.getMessage()));
                throw ex;
            } finally {
                command.discardOutput();
            }
        }
    }

    <T, X extends Exception> T connect(Connector<T, X> connector) throws X {
        try (LockFile.Held shared = lock().shared()) {
            T connection = connectOrNull(connector);
            if (connection != null) {
                return connection;
            }
        }
        try (LockFile.Held exclusive = lock().exclusive()) {
            if (pidFile.runningDaemon().isEmpty()) {
                startOnRequestLocked();
            }
            T connection;
            try {
                connection = connector.connect();
            } catch (Exception ex) {
                if (spec.connectFailures().matches(ex)) {
                    throw new ConnectFailedException(identifier, identifier + " runs, but connecting to it failed: "
                            + ex, ex);
                }
                throw ex;
            }
            if (connection == null) {
                throw new ConnectFailedException(identifier, identifier + " runs, but the connector returned null",
                        null);
            }
            return connection;
        }
    }

    private <T, X extends Exception> T connectOrNull(Connector<T, X> connector) throws X {
        try {
            return connector.connect();
        } catch (Exception ex) {
            if (spec.connectFailures().matches(ex)) {
                return null;
            }
            throw ex;
        }
    }

    OptionalLong pid() {
        try (LockFile.Held shared = lock().shared()) {
            Optional<OsProcess> daemon = pidFile.runningDaemon();
            daemon.ifPresent(this::adopt);
            return daemon.map(running -> OptionalLong.of(running.pid())).orElse(OptionalLong.empty());
        }
    }

    DaemonStatus status() {
        return status.current();
    }

    /** Stops watching and restarting the daemon, which keeps running. */
    void close() {
        supervisor.close();
    }

    void addListener(DaemonListener listener) {
        status.addListener(listener);
    }

    void removeListener(DaemonListener listener) {
        status.removeListener(listener);
    }

    boolean answersPing() {
        try {
            return spec.ping().answers();
        } catch (Exception ex) {
            return false;
        }
    }

    private LockFile lock() {
        LockFile lock = lockFile;
        if (lock == null) {
            synchronized (this) {
                if (lockFile == null) {
                    lockFile = openLockFile();
                }
                lock = lockFile;
            }
        }
        return lock;
    }

    private LockFile openLockFile() {
        try {
            return LockFile.at(spec.lockFile());
        } catch (IOException | RuntimeException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot create or open the lock file "
                    + spec.lockFile() + " (option lockFile): " + ex + ". Choose a lockFile (by default the PID file"
                    + " + .lock) in a directory this process can write.", ex);
        }
    }
}
