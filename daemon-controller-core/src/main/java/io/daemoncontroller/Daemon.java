package io.daemoncontroller;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.daemoncontroller.StartException.Reason;

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

    /** How long a dead daemon's output relay may take to copy its last lines to the log file. */
    private static final Duration OUTPUT_RELAY_GRACE = Duration.ofSeconds(1);

    /**
     * How often a start looks at the PID file while its start command runs: it cannot be ready before the command
     * exits, whose exit ends a pause at once, so these looks only find a daemon that died meanwhile.
     */
    private static final long COMMAND_RUNNING_PAUSE_NANOS = Duration.ofMillis(50).toNanos();

    /** How many times an abort ends what it found and looks again, against a start that keeps creating processes. */
    private static final int MOST_ABORT_LOOKS = 5;

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
        this.status = new StatusTracker(identifier, spec.threads("events"));
        this.supervisor = new Supervisor(spec, status, stopMarker, this::restartAfterDeath,
                this::stopUnresponsive);
    }

    void start() {
        try (LockFile.Held exclusive = lock().exclusive()) {
            Optional<OsProcess> running = runningDaemon();
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
        pidFile.createDirectory(pidDirectoryOwner());
        LogFileWatch log = LogFileWatch.of(spec);
        if (spec.beforeStart() != null) {
            runBeforeStart(deadline, log);
        }
        SpawnedCommand command = spawnStartCommand(log);
        try {
            awaitReady(command, log, deadline, spec.daemonizeForMe());
            running(deadline, spec.daemonizeForMe() ? command.onExit() : null);
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
            throw new StartException(identifier, Reason.BEFORE_START_FAILED, FailureReport.of(identifier,
                    "failed to start", "beforeStart threw " + ex).logLines(log).endingWith("beforeStart failed"),
                    "", log.newLines(), null, ex);
        }
        if (deadline.hasPassed()) {
            throw new StartTimeoutException(identifier, Reason.BEFORE_START_FAILED, FailureReport.of(identifier,
                    "failed to start", "beforeStart took longer than the start timeout of "
                            + Timeouts.format(spec.startTimeout())).logLines(log).endingWith("timed out"),
                    "", log.newLines());
        }
    }

    private SpawnedCommand spawnStartCommand(LogFileWatch log) {
        SpawnedCommand command;
        try {
            command = spec.daemonizeForMe()
                    ? SpawnedCommand.asDaemon(spec.startCommand(), spec)
                    : SpawnedCommand.capturingOutput("start command", spec.startCommand(), spec);
        } catch (IOException ex) {
            throw new StartException(identifier, Reason.COMMAND_NOT_RUN, FailureReport.of(identifier,
                    "failed to start", "cannot run the start command " + spec.startCommand() + " in "
                            + spec.workingDirectory() + ": " + ex.getMessage()).logLines(log)
                    .endingWith("not started"), "", log.newLines(), null, ex);
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

    private void running(Deadline startDeadline, CompletableFuture<Process> childExit) {
        Optional<OsProcess> found = PidFile.process(pidFile.read());
        if (found.isEmpty()) {
            throw new StartException(identifier, Reason.PID_FILE_LOST, identifier + " failed to start: it answered,"
                    + " but its PID file " + pidFile.path() + " no longer names it", "", "", null);
        }
        OsProcess daemon = found.get();
        logger.info("Started {} (pid {}) in {} ms", identifier, daemon.pid(), startDeadline.elapsed().toMillis());
        status.started(daemon.pid(), startDeadline.elapsed());
        supervisor.watch(daemon, childExit);
    }

    /** Takes a daemon found running as this controller's, when it thought none ran. */
    private void adopt(OsProcess daemon) {
        DaemonState state = status.current().state();
        if (state == DaemonState.STOPPED || state == DaemonState.FAILED || state == DaemonState.BACKOFF) {
            Duration uptime = Duration.between(daemon.startTime(), Instant.now());
            logger.info("Found {} running, pid {}, up {}", identifier, daemon.pid(), Timeouts.format(uptime));
            stopMarker.clear();
            status.foundRunning(daemon.pid(), daemon.startTime(), "found running (pid " + daemon.pid() + ")");
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
                status.stoppedElsewhere(null);
                return;
            }
            Optional<OsProcess> running = runningDaemon();
            if (running.isPresent()) {
                adopt(running.get());
                return;
            }
            status.restarting();
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
     * Stops the daemon of {@code pid}, which runs but failed its liveness checks, for the supervisor to start it
     * again; unless it was started, stopped or restarted meanwhile. A daemon that does not end on the stop signal
     * (a hung or SIGSTOPped process ignores it) is killed with SIGKILL after the stop timeout, as on any stop.
     */
    private void stopUnresponsive(long pid) {
        try (LockFile.Held exclusive = lock().exclusive()) {
            DaemonStatus current = status.current();
            if (!current.unresponsive() || current.pid().orElse(-1) != pid || supervisor.isClosed()) {
                return;
            }
            status.stoppingUnresponsive("unresponsive: stopping it to start it again");
            try {
                stopLocked();
            } catch (StopTimeoutException killed) {
                logger.warn("{}", killed.getMessage());
            } catch (RuntimeException ex) {
                PidFile.process(pidFile.read()).ifPresentOrElse(
                        daemon -> stillRunning(daemon, "a failed stop after it stopped answering", ex),
                        () -> supervisor.unresponsiveStopped());
                logger.error("Cannot stop the unresponsive {}: {}", identifier, ex.getMessage(), ex);
                return;
            }
            supervisor.unresponsiveStopped();
        } catch (RuntimeException lockFailure) {
            logger.error("Cannot stop the unresponsive {}: {}", identifier, lockFailure.getMessage(), lockFailure);
        }
    }

    /**
     * Returns when the daemon is ready: the command exited with status 0 (unless it is the daemon itself), the PID
     * file names a running daemon, the ping answers, and the ready log line, if any, was written since the start
     * began. Fails as soon as the command fails, the daemon dies, or
     * the command exited and every process it started is gone; and when the deadline passes or the daemon's log
     * stays idle too long, saying which condition did not hold. Polls fast from the command's exit on, and slowly
     * while it runs.
     */
    private void awaitReady(SpawnedCommand command, LogFileWatch log, Deadline deadline, boolean commandIsDaemon) {
        PollSchedule polls = new PollSchedule(spec.pingInterval());
        StartLiveness liveness = new StartLiveness(command);
        boolean inBackground = commandIsDaemon;
        boolean answered = false;
        while (true) {
            Optional<ProcessExit> exit = command.exit();
            if (exit.isPresent() && (commandIsDaemon || !exit.get().isSuccess())) {
                if (commandIsDaemon) {
                    awaitOutputRelay(command);
                }
                String reason = commandIsDaemon ? "the daemon exited before it answered " + spec.ping()
                        : "the " + command.role() + " failed";
                throw new StartException(identifier, commandIsDaemon ? Reason.DAEMON_EXITED : Reason.COMMAND_FAILED,
                        FailureReport.of(identifier, "failed to start", reason).command(command).logLines(log)
                                .endingWith(exit.get().toString()), command.output(), log.newLines(), exit.get());
            }
            if (exit.isPresent() && !inBackground) {
                inBackground = true;
                log.restartIdleClock();
                polls = new PollSchedule(spec.pingInterval());
            }
            long probeNanos = 0;
            PidFile.Content pid = pidFile.read();
            Optional<OsProcess> daemon = PidFile.process(pid);
            if (pid.pid().isPresent() && daemon.isEmpty()) {
                if (commandIsDaemon) {
                    // Gone from /proc a moment before the JDK reaps it: its exit, with the status, comes next (and
                    // may have come since the check above, so this must not pause once it has).
                    command.awaitExit(deadline.remainingNanos());
                    continue;
                }
                throw new StartException(identifier, Reason.DAEMON_EXITED, FailureReport.of(identifier,
                        "failed to start", "the daemon (pid " + pid.pid().getAsLong() + ", from " + pidFile.path()
                                + ") exited before it answered " + spec.ping())
                        .command(command).logLines(log).endingWith("daemon exited"),
                        command.output(), log.newLines(), null);
            }
            boolean lineSeen = log.readyLineSeen();
            if (daemon.isPresent() && inBackground) {
                long probeStart = System.nanoTime();
                answered = answers(command, log);
                if (answered && lineSeen) {
                    return;
                }
                probeNanos = System.nanoTime() - probeStart;
            }
            if (inBackground && daemon.isEmpty() && liveness.everyProcessExited()) {
                throw new StartException(identifier, Reason.EVERY_PROCESS_EXITED, FailureReport.of(identifier,
                        "failed to start", "the " + command.role() + " exited and every process it started has"
                                + " exited, before " + identifier + " answered " + spec.ping())
                        .command(command).logLines(log).endingWith(exit.map(ProcessExit::toString).orElse("")),
                        command.output(), log.newLines(), exit.orElse(null));
            }
            if (deadline.hasPassed()) {
                throw notReady("it was not ready within " + Timeouts.format(spec.startTimeout()) + " (startTimeout)",
                        null, command, log, pid, answered);
            }
            if (inBackground && log.idleNanos() > spec.logFileActivityTimeout().toNanos()) {
                throw notReady("its log file " + log.file() + " did not grow for "
                        + Timeouts.format(spec.logFileActivityTimeout()) + " (logFileActivityTimeout) while it was"
                        + " not ready", Reason.LOG_IDLE, command, log, pid, answered);
            }
            if (inBackground) {
                command.pauseUnlessExit(Math.min(polls.nextPauseNanos(probeNanos), deadline.remainingNanos()));
            } else {
                command.awaitExit(Math.min(COMMAND_RUNNING_PAUSE_NANOS, deadline.remainingNanos()));
            }
        }
    }

    /**
     * Gives the output relay of a daemon that exited a moment to copy its last lines to the log file: the relay's
     * {@code tee} processes exit once they have read everything, so the report then holds the daemon's last words.
     */
    private void awaitOutputRelay(SpawnedCommand command) {
        termination.awaitGone(OsProcess.sessionMembers(command.pid()), Deadline.after(OUTPUT_RELAY_GRACE));
    }

    private boolean answers(SpawnedCommand command, LogFileWatch log) {
        try {
            return spec.ping().answers();
        } catch (Exception ex) {
            throw new StartException(identifier, Reason.PING_FAILED, FailureReport.of(identifier,
                    "failed to start", "its ping " + spec.ping() + " failed: " + ex).command(command).logLines(log)
                    .endingWith("ping failed"), command.output(), log.newLines(), null, ex);
        }
    }

    /**
     * A timeout that says which readiness condition held and which did not: the command, the PID file, the ping.
     * The ping is probed once more when the PID file kept it from being probed, to tell a daemon that writes its
     * PID file elsewhere.
     */
    private StartTimeoutException notReady(String headline, Reason knownReason, SpawnedCommand command,
            LogFileWatch log, PidFile.Content pid, boolean answered) {
        Optional<ProcessExit> exit = command.exit();
        boolean daemonRuns = PidFile.process(pid).isPresent();
        boolean pingAnswers = answered || (!daemonRuns && exit.isPresent() && answersPing());
        StringBuilder conditions = new StringBuilder(headline).append(":\n  ").append(command.role()).append(": ")
                .append(exit.map(ProcessExit::toString).orElse("still running"))
                .append("\n  PID file ").append(pidFile.path()).append(": ").append(describe(pid, daemonRuns))
                .append("\n  ping ").append(spec.ping()).append(": ")
                .append(pingAnswers ? "answers" : daemonRuns || exit.isPresent() ? "does not answer" : "not tried");
        log.readyLineCondition().ifPresent(line -> conditions.append("\n  ready log line ").append(line));
        Reason reason;
        if (exit.isEmpty() && !spec.daemonizeForMe()) {
            reason = Reason.COMMAND_DID_NOT_EXIT;
            conditions.append("\nThe ").append(command.role()).append(" stays in the foreground? Then let the"
                    + " controller daemonize it: daemonizeForMe.");
        } else if (pingAnswers && !daemonRuns) {
            reason = Reason.PID_FILE_MISMATCH;
            conditions.append("\nThe ping answers, but the PID file names no running process: the daemon writes its"
                    + " PID file somewhere else. Make pidFile the file the daemon writes (its own pidfile setting).");
        } else if (daemonRuns && pingAnswers && !log.readyLineSeen()) {
            reason = Reason.READY_LOG_LINE_NOT_SEEN;
            conditions.append("\nIt runs and answers, but never logged its ready line: check the pattern against"
                    + " what it logs to ").append(log.file()).append(", or raise the startTimeout.");
        } else {
            reason = daemonRuns ? Reason.NOT_ANSWERING : Reason.PID_FILE_MISSING;
        }
        return new StartTimeoutException(identifier, knownReason != null ? knownReason : reason, FailureReport.of(identifier, "failed to start",
                conditions.toString()).command(command).logLines(log).endingWith("timed out"), command.output(),
                log.newLines());
    }

    private static String describe(PidFile.Content pid, boolean daemonRuns) {
        if (!pid.exists()) {
            return "absent";
        }
        if (pid.isInvalid()) {
            return "invalid, it holds " + pid.shownText();
        }
        return "names pid " + pid.pid().getAsLong() + (daemonRuns ? ", which runs" : ", which is not running");
    }

    /**
     * Ends a failed start: {@code SIGTERM}, then {@code SIGKILL}, to every process it created, wherever it went,
     * and to a process of this user that started since and listens on the ping's port; removes the PID file. A
     * process of the start that was created while the abort looked for them (a command that was forking, or that
     * starts one more on {@code SIGTERM}) is found by the next look: only a process of the start creates one, so a
     * look that finds none is the last.
     */
    private void abort(SpawnedCommand command) {
        Set<OsProcess> processes = new LinkedHashSet<>(command.runningProcesses());
        PidFile.process(pidFile.read()).ifPresent(daemon -> {
            processes.add(daemon);
            processes.addAll(daemon.descendants());
        });
        pingPort().ifPresent(port -> PortListeners.of(port).stream()
                .filter(listener -> !listener.startTime().isBefore(command.startedAt()))
                .forEach(processes::add));
        for (int look = 1; !processes.isEmpty() && look <= MOST_ABORT_LOOKS; look++) {
            termination.terminate(processes, spec.startAbortTimeout());
            processes.clear();
            processes.addAll(command.runningProcesses());
        }
        if (!processes.isEmpty()) {
            logger.warn("The aborted start of {} kept creating processes through {} rounds of ending them;"
                    + " killing {}", identifier, MOST_ABORT_LOOKS, processes);
            termination.kill(processes);
        }
        pidFile.delete();
    }

    private OptionalInt pingPort() {
        return port(spec.ping());
    }

    /** The port {@code ping} connects to; the first one a part connects to for a composed ping. */
    private static OptionalInt port(Ping ping) {
        List<Ping> parts = ping instanceof AllOfPing all ? all.parts()
                : ping instanceof AnyOfPing any ? any.parts() : List.of();
        for (Ping part : parts) {
            OptionalInt port = port(part);
            if (port.isPresent()) {
                return port;
            }
        }
        if (ping instanceof TcpPing tcp) {
            return OptionalInt.of(tcp.port());
        }
        return ping instanceof HttpPing http ? http.port() : OptionalInt.empty();
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
        try {
            stopMarker.set();
            stopLocked();
            status.stopped("stopped on request");
        } catch (RuntimeException ex) {
            PidFile.process(pidFile.read()).ifPresentOrElse(daemon -> stillRunning(daemon, "a failed stop", ex),
                    () -> status.stopped("stopped after a failed stop: " + ex.getMessage()));
            throw ex;
        }
    }

    /** Takes up the daemon again after an operation on it failed while it kept running: RUNNING, watched. */
    private void stillRunning(OsProcess daemon, String operation, RuntimeException failure) {
        status.foundRunning(daemon.pid(), daemon.startTime(), "still running after " + operation);
        supervisor.watch(daemon, null);
        try {
            stopMarker.clear();
        } catch (RuntimeException markerFailure) {
            failure.addSuppressed(markerFailure);
        }
    }

    /**
     * Stops the daemon: runs the stop command, or sends the stop signal to the daemon alone, as its own
     * documentation describes it (to the whole session of a compound daemonizeForMe command, whose PID file names
     * its shell); waits for it to exit, then ends what is left of its session.
     */
    private void stopLocked() {
        Deadline deadline = Deadline.after(spec.stopTimeout());
        PidFile.Content pid = pidFile.read();
        Optional<OsProcess> daemon = runningDaemon(pid);
        if (daemon.isEmpty()) {
            if (pid.isInvalid() && spec.stopCommand() != null && !spec.dontStopIfPidFileInvalid()) {
                runStopCommand(deadline);
            }
            return;
        }
        SessionMembers session = SessionMembers.remembered(daemon.get().sessionId());
        if (spec.stopCommand() != null) {
            runStopCommand(deadline);
        } else if (spec.daemonizeForMe() && !spec.startCommand().runsItsProgramDirectly()) {
            termination.signal(session.running(), spec.stopSignal());
        } else {
            daemon.get().signal(spec.stopSignal());
        }
        if (!termination.awaitGone(List.of(daemon.get()), deadline)) {
            Set<OsProcess> processes = new LinkedHashSet<>(List.of(daemon.get()));
            processes.addAll(daemon.get().descendants());
            termination.kill(processes);
            termination.endSessionLeftovers(session, spec.startAbortTimeout());
            pidFile.deleteIfUnchanged(pid);
            throw new StopTimeoutException(identifier, identifier + " did not exit within "
                    + Timeouts.format(spec.stopTimeout()) + " (stopTimeout) and was killed with SIGKILL (pid "
                    + daemon.get().pid() + ")\n(timed out)", "");
        }
        termination.endSessionLeftovers(session, spec.startAbortTimeout());
        pidFile.deleteIfUnchanged(pid);
        logger.info("Stopped {} (pid {}) in {} ms", identifier, daemon.get().pid(), deadline.elapsed().toMillis());
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
                command.awaitExit(deadline.remainingNanos());
            }
            Optional<ProcessExit> exit = command.exit();
            if (exit.isEmpty()) {
                termination.kill(command.runningProcesses());
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
            status.startingOnRequest();
            try {
                restartLocked();
            } catch (RuntimeException ex) {
                runningDaemon().ifPresentOrElse(daemon -> stillRunning(daemon, "a failed restart", ex),
                        () -> status.failedToStart(ex.getMessage()));
                throw ex;
            }
        }
    }

    private void restartLocked() {
        stopMarker.clear();
        Deadline deadline = Deadline.after(spec.startTimeout());
        LogFileWatch log = LogFileWatch.of(spec);
        SpawnedCommand command;
        try {
            command = SpawnedCommand.capturingOutput("restart command", spec.restartCommand(), spec);
        } catch (IOException ex) {
            throw new StartException(identifier, Reason.COMMAND_NOT_RUN, identifier + " failed to restart: cannot"
                    + " run the restart command " + spec.restartCommand() + ": " + ex.getMessage(), "", "", null, ex);
        }
        try {
            awaitReady(command, log, deadline, false);
            running(deadline, null);
        } finally {
            command.discardOutput();
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
            if (runningDaemon().isEmpty()) {
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
            Optional<OsProcess> daemon = runningDaemon();
            if (daemon.isEmpty()) {
                return OptionalLong.empty();
            }
            adopt(daemon.get());
            return OptionalLong.of(daemon.get().pid());
        }
    }

    private Optional<OsProcess> runningDaemon() {
        return runningDaemon(pidFile.read());
    }

    /**
     * The running daemon the PID file names. When it names none, the death of a daemon this controller watched is
     * recorded at once, so that its status agrees; and a stale PID file is deleted, after ending what the dead
     * daemon left behind in its session (helpers, relays) that a start of this library marked.
     */
    private Optional<OsProcess> runningDaemon(PidFile.Content content) {
        Optional<OsProcess> daemon = PidFile.process(content);
        if (daemon.isEmpty()) {
            supervisor.noticeIfGone();
            if (content.pid().isPresent()) {
                termination.endSessionLeftovers(SessionMembers.unremembered(content.pid().getAsLong()),
                        spec.startAbortTimeout());
                pidFile.deleteIfUnchanged(content);
            }
        }
        return daemon;
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

    /**
     * Who gets a directory created for the PID file: the daemon's user when it writes the PID file itself, else
     * no one ({@code null}: it stays this JVM user's). The lock file, by default beside the PID file, is opened first, so its directory is
     * created then.
     */
    private UserAccount pidDirectoryOwner() {
        return spec.runAs() == null || spec.daemonizeForMe() ? null : spec.runAs().account();
    }

    private LockFile openLockFile() {
        pidFile.createDirectory(pidDirectoryOwner());
        try {
            return LockFile.at(spec.lockFile());
        } catch (IOException | RuntimeException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot create or open the lock file "
                    + spec.lockFile() + " (option lockFile): " + ex + ". Choose a lockFile (by default the PID file"
                    + " + .lock) in a directory this process can write.", ex);
        }
    }
}
