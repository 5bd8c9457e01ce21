package io.daemoncontroller;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Starts, stops, connects to and checks one local daemon, robustly and without races.
 * <ul>
 * <li>{@link #start()} returns exactly when the daemon answers its {@link Ping}, and reports every failure, even
 * one after the daemon went into the background, with the start command's output and the new lines of the
 * daemon's log file.</li>
 * <li>{@link #stop()} returns when the daemon's process is gone.</li>
 * <li>{@link #connect} starts the daemon on demand.</li>
 * <li>Concurrent callers, in threads of this JVM or in other processes that use the same lock file, never start
 * two copies: {@code start}, {@code stop} and {@code restart} hold the lock file exclusively, readers share it.</li>
 * <li>Stale, corrupt and reused PID files are recognized: only a live, non-zombie process that started before its
 * PID file was written counts as the daemon.</li>
 * </ul>
 * Instances are thread-safe. Build one with {@link #builder(String)}. {@link #close()} ends the supervision; it never
 * stops the daemon, which outlives its controller and the JVM unless told otherwise.
 */
public final class DaemonController implements AutoCloseable {

    private final DaemonSpec spec;
    private final Daemon daemon;
    private final OptionalInt port;

    private DaemonController(DaemonSpec spec, OptionalInt port) {
        this.spec = spec;
        this.daemon = new Daemon(spec);
        this.port = port;
    }

    /** A builder for the daemon named {@code identifier}, a human-readable name used in every message. */
    public static Builder builder(String identifier) {
        return new Builder(identifier);
    }

    /**
     * Starts the daemon and returns when it answers its ping.
     *
     * @throws AlreadyStartedException if it already runs
     * @throws StartException if it fails to start, with the evidence; nothing is left running
     * @throws StartTimeoutException if it does not become ready in time; it has been aborted
     */
    public void start() {
        daemon.start();
    }

    /**
     * Stops the daemon and returns when its process is gone; returns at once if it does not run.
     *
     * @throws StopException if the stop command fails
     * @throws StopTimeoutException if it did not exit within the stop timeout; it has been killed
     */
    public void stop() {
        daemon.stop();
    }

    /**
     * Restarts the daemon: runs the restart command if there is one, otherwise stops and starts it under one lock,
     * so that no other caller slips in between. Returns when the daemon answers its ping.
     */
    public void restart() {
        daemon.restart();
    }

    /**
     * Connects to the daemon, starting it first if it does not answer. Calls {@code connector}; if it returns
     * {@code null} or fails to connect, starts the daemon (unless another caller just did) and calls it again.
     *
     * @return the connector's result
     * @throws X whatever the connector throws that is not a connection failure
     * @throws ConnectFailedException if the connector still cannot connect once the daemon runs
     */
    public <T, X extends Exception> T connect(Connector<T, X> connector) throws X {
        return daemon.connect(Objects.requireNonNull(connector, "connector"));
    }

    /** Whether the daemon runs, according to its PID file and the process table. */
    public boolean isRunning() {
        return daemon.pid().isPresent();
    }

    /** The running daemon's pid; empty if it does not run. */
    public OptionalLong pid() {
        return daemon.pid();
    }

    /**
     * The daemon's supervision status: its state and since when, its last exit, restarts and last error. Reads no
     * file and takes no lock.
     */
    public DaemonStatus status() {
        return daemon.status();
    }

    /**
     * Stops supervising: no more watching or restarts, and the supervisor's thread goes. The daemon keeps running;
     * call {@link #stop()} first to stop it. Other methods keep working. A Spring context calls this when it
     * closes, so the controllers of a closed context never restart a daemon.
     */
    @Override
    public void close() {
        daemon.close();
    }

    /** Adds a listener that hears every state change of this daemon, in order. */
    public void addListener(DaemonListener listener) {
        daemon.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added with {@link #addListener}. */
    public void removeListener(DaemonListener listener) {
        daemon.removeListener(listener);
    }

    /** The restart policy this daemon is supervised with. */
    public RestartPolicy restartPolicy() {
        return spec.restartPolicy();
    }

    /** Whether the daemon answers its ping right now. Bounded by the ping's timeout; takes no lock. */
    public boolean answersPing() {
        return daemon.answersPing();
    }

    /**
     * Whether {@code failure}, or an exception in its cause chain, means "could not connect": the failures
     * {@link #connect} recognizes, plus the types given to {@link Builder#connectFailures(Collection)}.
     */
    public boolean isConnectFailure(Throwable failure) {
        return spec.connectFailures().matches(failure);
    }

    /** The human-readable name of the daemon. */
    public String identifier() {
        return spec.identifier();
    }

    /** The command that starts the daemon, as configured, such as {@code searchd -c config/sphinx.conf}. */
    public String startCommand() {
        return spec.startCommand().toString();
    }

    /** How this controller tells the daemon answers. */
    public Ping ping() {
        return spec.ping();
    }

    /** The port the daemon listens on, as {@link Builder#port(int)} gave it; empty when not given. */
    public OptionalInt port() {
        return port;
    }

    /** The daemon's PID file, as an absolute path. */
    public Path pidFile() {
        return spec.pidFile();
    }

    /** The daemon's log file, as an absolute path, if it has one. */
    public Optional<Path> logFile() {
        return Optional.ofNullable(spec.logFile());
    }

    @Override
    public String toString() {
        return "DaemonController[" + spec.identifier() + "]";
    }

    /**
     * Configures a {@link DaemonController}. A start command and a ping are required; so is a PID file, unless the
     * controller daemonizes the command itself ({@link #daemonizeForMe(boolean)}). Relative paths resolve against
     * the working directory. Every mistake is reported with the daemon's identifier and the option's name.
     */
    public static final class Builder {

        private final String identifier;
        private CommandLine startCommand;
        private CommandLine stopCommand;
        private CommandLine restartCommand;
        private Ping ping;
        private Pattern readyLogLine;
        private Path pidFile;
        private Path logFile;
        private Path lockFile;
        private Runnable beforeStart;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration startAbortTimeout = Duration.ofSeconds(10);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private Duration logFileActivityTimeout = Duration.ofSeconds(10);
        private Long logMaxSize;
        private Integer logMaxFiles;
        private Duration pingInterval = Duration.ofMillis(100);
        private String stopSignal = "TERM";
        private boolean dontStopIfPidFileInvalid;
        private boolean daemonizeForMe;
        private Map<String, String> environment = Map.of();
        private Path workingDirectory;
        private String user;
        private final List<Class<? extends Throwable>> connectFailures = new ArrayList<>();
        private RestartPolicy restartPolicy = RestartPolicy.NEVER;
        private Duration restartDelay = Duration.ofSeconds(1);
        private Duration maxRestartDelay = Duration.ofMinutes(1);
        private int maxRestarts = 5;
        private Duration restartWindow = Duration.ofMinutes(1);
        private Duration livenessInterval;
        private Ping livenessPing;
        private Duration livenessTimeout;
        private int livenessFailureThreshold = 3;
        private ThreadFactory threadFactory;
        private OptionalInt port = OptionalInt.empty();

        private Builder(String identifier) {
            if (identifier == null || identifier.isBlank()) {
                throw new IllegalArgumentException("A daemon needs an identifier: a name such as \"search server\","
                        + " used in every message about it");
            }
            this.identifier = identifier;
        }

        /** The command that starts the daemon, run through {@code /bin/sh -c}. Required. */
        public Builder startCommand(String command) {
            this.startCommand = shell(command, "startCommand");
            return this;
        }

        /** The command that starts the daemon, run as it is, without a shell. Required. */
        public Builder startCommand(List<String> command) {
            this.startCommand = exec(command, "startCommand");
            return this;
        }

        /** The command that stops the daemon, through {@code /bin/sh -c}; without one, {@link #stopSignal} is sent. */
        public Builder stopCommand(String command) {
            this.stopCommand = shell(command, "stopCommand");
            return this;
        }

        /** The command that stops the daemon, without a shell; without one, {@link #stopSignal} is sent. */
        public Builder stopCommand(List<String> command) {
            this.stopCommand = exec(command, "stopCommand");
            return this;
        }

        /** The command that restarts the daemon, through {@code /bin/sh -c}; without one, restart stops and starts. */
        public Builder restartCommand(String command) {
            this.restartCommand = shell(command, "restartCommand");
            return this;
        }

        /** The command that restarts the daemon, without a shell; without one, restart stops and starts. */
        public Builder restartCommand(List<String> command) {
            this.restartCommand = exec(command, "restartCommand");
            return this;
        }

        /** How to tell the daemon answers, such as {@code Ping.tcp("localhost", 9312)}. Required. */
        public Builder ping(Ping ping) {
            this.ping = required(ping, "ping");
            return this;
        }

        /**
         * The TCP port the daemon listens on, from 1 to 65535, for those who connect to it
         * ({@link DaemonController#port()}). Without a {@link #ping(Ping)}, the ping is {@code Ping.tcp("localhost",
         * port)}.
         *
         * @throws InvalidOptionException when {@code port} is not from 1 to 65535
         */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new InvalidOptionException(identifier, "port", port, "is not a TCP port",
                        "a number from 1 to 65535");
            }
            this.port = OptionalInt.of(port);
            return this;
        }

        /**
         * Chooses a port for the daemon and records it beside its PID file, for a daemon whose port is not
         * configured but chosen: the port recorded for the daemon when its PID file names a running daemon; else the
         * recorded port when it is free; else a free one (see {@link AutoPort}). Reads the PID file, lock file, working
         * directory, {@code daemonizeForMe} and user set so far, which must be those of the built controller; builds
         * nothing. Creates the PID file's directory (given to the user as {@link #build()}'s start does) and the lock
         * file, and holds the lock while it chooses.
         *
         * @throws InvalidOptionException when there is no PID file and no {@code daemonizeForMe}, or the user is
         *         invalid
         * @throws DaemonControllerException when the daemon runs with no recorded port, or the files cannot be written
         */
        public AutoPort chooseAutoPort() {
            requirePidFileOrDaemonizeForMe();
            Path directory = directory();
            Path pid = resolvedPidFile(directory);
            Path lock = resolvedLockFile(directory, pid);
            RunAs runAs = user == null ? null : RunAs.of(identifier, user).orElse(null);
            PidFile file = new PidFile(identifier, pid);
            file.createDirectory(runAs == null || daemonizeForMe ? null : runAs.account());
            try {
                return AutoPort.choose(identifier, file, LockFile.at(lock));
            } catch (IOException ex) {
                throw new DaemonControllerException(identifier, identifier + ": cannot create or open the lock file "
                        + lock + " (option lockFile): " + ex, ex);
            }
        }

        /**
         * A line the daemon writes to its {@link #logFile} once it is ready, such as
         * {@code Pattern.compile("Ready to accept connections")}: a start then also waits until a line containing a
         * match of {@code line} is written after the start began (a line of an earlier start does not count), as
         * well as for the command, the PID file and the ping. The log is read incrementally, a line once its newline
         * is written. Needs a log file ({@link #logFile}, or {@link #daemonizeForMe}'s default one).
         */
        public Builder readyLogLine(Pattern line) {
            this.readyLogLine = required(line, "readyLogLine");
            return this;
        }

        /**
         * The same, with the line given as a regular expression.
         *
         * @throws InvalidOptionException when {@code regex} is not a valid regular expression, with the error and
         *         where it is
         */
        public Builder readyLogLine(String regex) {
            required(regex, "readyLogLine");
            try {
                return readyLogLine(Pattern.compile(regex));
            } catch (PatternSyntaxException ex) {
                throw new InvalidOptionException(identifier, "readyLogLine", regex, "is not a valid regular "
                        + "expression: " + ex.getDescription() + (ex.getIndex() >= 0 ? " at index " + ex.getIndex()
                        : ""), "a java.util.regex pattern, such as Ready to accept connections (escape a literal "
                        + "( [ { . * + ? with a backslash)");
            }
        }

        /**
         * The file the daemon writes its pid to. Required, unless {@link #daemonizeForMe(boolean)} is set: then the
         * controller writes it, by default to {@code <java.io.tmpdir>/daemon-controller/<identifier>.pid}.
         */
        public Builder pidFile(Path pidFile) {
            this.pidFile = required(pidFile, "pidFile");
            return this;
        }

        /**
         * The daemon's log file. Its lines written during a start are reported when the start fails, and its
         * activity keeps a slow start alive (see {@link #logFileActivityTimeout}). With {@code daemonizeForMe}, the
         * daemon's stdout and stderr are appended to it (default: the PID file's path with {@code .log} for
         * {@code .pid}), and, while this JVM runs, also logged to the SLF4J logger {@code daemon.<identifier>},
         * stdout at INFO and stderr at WARN, with {@code daemon} and {@code pid} in the MDC.
         */
        public Builder logFile(Path logFile) {
            this.logFile = required(logFile, "logFile");
            return this;
        }

        /** The file locked to serialize starts and stops between threads and processes; default: PID file + {@code .lock}. */
        public Builder lockFile(Path lockFile) {
            this.lockFile = required(lockFile, "lockFile");
            return this;
        }

        /** Runs before each start, under the start lock and within the start timeout (generate config, say). */
        public Builder beforeStart(Runnable beforeStart) {
            this.beforeStart = required(beforeStart, "beforeStart");
            return this;
        }

        /** How long a start may take in all before it is aborted. Default 30s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = positive(timeout, "startTimeout");
            return this;
        }

        /** How long an aborted start's processes get to exit after {@code SIGTERM} before {@code SIGKILL}. Default 10s. */
        public Builder startAbortTimeout(Duration timeout) {
            this.startAbortTimeout = positive(timeout, "startAbortTimeout");
            return this;
        }

        /** How long a stop may take before the daemon is killed with {@code SIGKILL}. Default 30s. */
        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = positive(timeout, "stopTimeout");
            return this;
        }

        /**
         * Bounds a {@code daemonizeForMe} daemon's log file: when a line would make it longer than {@code bytes}, it
         * is rotated, at that line boundary, to {@code <log>.1} (the older ones one number up, the oldest beyond
         * {@link #logMaxFiles} dropped) and the line starts a new one. A start whose daemon writes a first line
         * rotates the log file it finds, unless empty. Rotation runs in the daemon's session, outliving this JVM as the
         * daemon does, and loses and repeats no line. At least 4096; default: not bounded.
         */
        public Builder logMaxSize(long bytes) {
            if (bytes < LogRotation.MIN_MAX_SIZE) {
                throw new InvalidOptionException(identifier, "logMaxSize", bytes, "must be at least "
                        + LogRotation.MIN_MAX_SIZE + " bytes (4KB): a smaller log file would be rotated at nearly "
                        + "every line", "a size that holds many lines, such as 10485760 (10MB)");
            }
            this.logMaxSize = bytes;
            return this;
        }

        /**
         * With {@link #logMaxSize}: how many files the log takes at most, the log file included ({@code <log>},
         * {@code <log>.1} ... {@code <log>.<files - 1>}). 1 keeps only the log file, started anew at each rotation.
         * Default 5.
         */
        public Builder logMaxFiles(int files) {
            if (files < 1) {
                throw new InvalidOptionException(identifier, "logMaxFiles", files, "must be 1 or more",
                        "the number of log files to keep, the current one included, such as 5 (the default)");
            }
            this.logMaxFiles = files;
            return this;
        }

        /**
         * With a log file: how long a daemon that went into the background may go with neither new log output nor
         * answering before the start is deemed hung and aborted. Default 10s.
         */
        public Builder logFileActivityTimeout(Duration timeout) {
            this.logFileActivityTimeout = positive(timeout, "logFileActivityTimeout");
            return this;
        }

        /**
         * The longest gap between two pings (and PID file checks) while waiting for a start or a stop. The waits
         * poll every fraction of a millisecond at first and back off to this. Default 100ms.
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "pingInterval");
            return this;
        }

        /** The signal {@link #stop()} sends when there is no stop command, such as {@code "TERM"} or {@code "SIGINT"}. */
        public Builder stopSignal(String signal) {
            required(signal, "stopSignal");
            String name = signal.toUpperCase(Locale.ROOT);
            if (ProcessExit.signalNumber(name) < 0) {
                throw new InvalidOptionException(identifier, "stopSignal", signal, "is not a signal name", "a signal name, such as TERM, INT, QUIT, HUP, USR1 or KILL");
            }
            this.stopSignal = name.startsWith("SIG") ? name.substring(3) : name;
            return this;
        }

        /** With a stop command: do not run it when the PID file is invalid. Default false. */
        public Builder dontStopIfPidFileInvalid(boolean dontStop) {
            this.dontStopIfPidFileInvalid = dontStop;
            return this;
        }

        /**
         * For a start command that stays in the foreground: the controller runs it in a new session (so it
         * outlives this JVM and a Ctrl-C in the terminal), appends its output to the log file and writes the PID
         * file itself. Default false.
         */
        public Builder daemonizeForMe(boolean daemonizeForMe) {
            this.daemonizeForMe = daemonizeForMe;
            return this;
        }

        /** Variables added to the environment of the start, stop and restart commands. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(required(environment, "environment"));
            return this;
        }

        /** The directory the commands run in, and that relative paths resolve against. Default: the current one. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = required(workingDirectory, "workingDirectory");
            return this;
        }

        /**
         * The user, by name or uid, that the start, stop and restart commands run as, with its primary group and
         * supplementary groups, and {@code HOME}, {@code USER} and {@code LOGNAME} set to its own (through
         * util-linux {@code setpriv}). Only root may name another user; naming the JVM's own user changes nothing.
         * The controller's own files (lock file, and with {@code daemonizeForMe} the PID file and the log file,
         * which the controller writes) stay this JVM user's; a directory the controller creates for a PID file
         * the daemon writes itself is given to the user. A {@link Ping#command} ping and {@link #beforeStart} run
         * as this JVM's user. Default: this JVM's user.
         */
        public Builder user(String user) {
            required(user, "user");
            if (user.isBlank()) {
                throw new InvalidOptionException(identifier, "user", user, "must not be empty",
                        "the name or uid of the user the commands run as, such as postgres");
            }
            this.user = user;
            return this;
        }

        /** Further exception types that mean "could not connect", such as a client library's own. */
        public Builder connectFailures(Collection<Class<? extends Throwable>> types) {
            this.connectFailures.addAll(required(types, "connectFailures"));
            return this;
        }

        /**
         * Whether a daemon that dies without being asked to stop is started again. Default
         * {@link RestartPolicy#NEVER}. Deaths are noticed at once for a daemon this JVM runs
         * ({@code daemonizeForMe}), and within {@code 200ms} for one that went into the background.
         */
        public Builder restartPolicy(RestartPolicy policy) {
            this.restartPolicy = required(policy, "restartPolicy");
            return this;
        }

        /** The delay before the first restart after a death; each further death in the window doubles it. Default 1s. */
        public Builder restartDelay(Duration delay) {
            this.restartDelay = positive(delay, "restartDelay");
            return this;
        }

        /** The longest delay before a restart. Default 1m. */
        public Builder maxRestartDelay(Duration delay) {
            this.maxRestartDelay = positive(delay, "maxRestartDelay");
            return this;
        }

        /** How many restarts the restart window allows; one more death is a crash loop. Default 5. */
        public Builder maxRestarts(int restarts) {
            if (restarts < 0) {
                throw new InvalidOptionException(identifier, "maxRestarts", restarts, "must be 0 or more",
                        "0 for no restarts, or the number of restarts the window allows");
            }
            this.maxRestarts = restarts;
            return this;
        }

        /**
         * The window in which deaths count towards {@link #maxRestarts}; a daemon that runs this long without dying
         * starts over from {@link #restartDelay}. Default 1m.
         */
        public Builder restartWindow(Duration window) {
            this.restartWindow = positive(window, "restartWindow");
            return this;
        }

        /**
         * How often the supervisor checks, while the daemon is {@link DaemonState#RUNNING}, that it still answers
         * its {@link #livenessPing}. After {@link #livenessFailureThreshold} failures in a row the daemon is
         * {@linkplain DaemonStatus#unresponsive() unresponsive}; then under {@link RestartPolicy#ON_FAILURE} and
         * {@link RestartPolicy#ALWAYS} it is stopped (the stop command or signal, SIGKILL after the
         * {@link #stopTimeout}) and started again after the restart delay, counting towards {@link #maxRestarts};
         * under {@link RestartPolicy#NEVER} it is left running, unresponsive, until a check succeeds again.
         * Checks run on the supervisor's thread, never during a start or a stop, and take no lock. Default: off.
         */
        public Builder livenessInterval(Duration interval) {
            this.livenessInterval = positive(interval, "livenessInterval");
            return this;
        }

        /** The ping of the liveness check. Default: the daemon's {@link #ping}. */
        public Builder livenessPing(Ping ping) {
            this.livenessPing = required(ping, "livenessPing");
            return this;
        }

        /**
         * How long one liveness check may take before it counts as a failure. Default: the liveness ping's own
         * timeout ({@link Ping#DEFAULT_TIMEOUT} unless set with {@link Ping#withTimeout}).
         */
        public Builder livenessTimeout(Duration timeout) {
            this.livenessTimeout = positive(timeout, "livenessTimeout");
            return this;
        }

        /** How many liveness checks in a row must fail before the daemon is unresponsive. Default 3. */
        public Builder livenessFailureThreshold(int failures) {
            if (failures < 1) {
                throw new InvalidOptionException(identifier, "livenessFailureThreshold", failures,
                        "must be 1 or more", "the number of failed liveness checks in a row, 1 or more, that make "
                                + "the daemon unresponsive (default 3); to turn liveness checks off, leave "
                                + "livenessInterval unset");
            }
            this.livenessFailureThreshold = failures;
            return this;
        }

        /**
         * Where the controller's threads come from: the supervisor's, the one that tells listeners of state changes,
         * and the ones that copy a {@code daemonizeForMe} daemon's output to the logs. An application that runs on
         * virtual threads passes a factory of them. Default: platform threads that do not keep the JVM alive,
         * named {@code daemon-controller-<purpose>-<identifier>}.
         */
        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = required(threadFactory, "threadFactory");
            return this;
        }

        /**
         * Builds the controller.
         *
         * @throws InvalidOptionException when a required option is missing, two options contradict each other, or
         *         the {@link #user} cannot be switched to
         */
        public DaemonController build() {
            if (startCommand == null) {
                throw missing("startCommand", "the command that starts the daemon, such as "
                        + "startCommand(\"searchd -c config/sphinx.conf\")");
            }
            Ping ping = this.ping != null ? this.ping
                    : port.isPresent() ? Ping.tcp("localhost", port.getAsInt()) : null;
            if (ping == null) {
                throw missing("ping", "a Ping that tells when the daemon answers, such as "
                        + "ping(Ping.tcp(\"localhost\", 9312)); or port(9312), which pings localhost on that port");
            }
            if (maxRestartDelay.compareTo(restartDelay) < 0) {
                throw new InvalidOptionException(identifier, "restartDelay", restartDelay,
                        "must not be longer than maxRestartDelay (" + maxRestartDelay + ")",
                        "a shorter restartDelay, or a longer maxRestartDelay", "maxRestartDelay");
            }
            requirePidFileOrDaemonizeForMe();
            Path directory = directory();
            Path pid = resolvedPidFile(directory);
            Path log = logFile != null ? directory.resolve(logFile).normalize()
                    : daemonizeForMe ? replaceExtension(pid, ".log") : null;
            if (readyLogLine != null && log == null) {
                throw new InvalidOptionException(identifier, "readyLogLine", readyLogLine.pattern(),
                        "needs the daemon's log file to watch", "logFile(...) naming the file the daemon logs to; or "
                                + "daemonizeForMe(true), which logs its output to a file", "logFile");
            }
            Path lock = resolvedLockFile(directory, pid);
            RunAs runAs = user == null ? null : RunAs.of(identifier, user).orElse(null);
            Ping liveness = livenessPing != null ? livenessPing : ping;
            if (livenessTimeout != null) {
                liveness = liveness.withTimeout(livenessTimeout);
            }
            return new DaemonController(new DaemonSpec(identifier, startCommand, stopCommand, restartCommand, ping,
                    readyLogLine, pid, log, logRotation(), lock, beforeStart, startTimeout, startAbortTimeout, stopTimeout, logFileActivityTimeout,
                    pingInterval, stopSignal, dontStopIfPidFileInvalid, daemonizeForMe, environment, directory,
                    runAs, "daemon." + slug(),
                    new ConnectFailures(connectFailures), restartPolicy, restartDelay, maxRestartDelay, maxRestarts,
                    restartWindow, livenessInterval, liveness, livenessFailureThreshold, threadFactory), port);
        }

        private LogRotation logRotation() {
            if (logMaxSize == null) {
                if (logMaxFiles != null) {
                    throw new InvalidOptionException(identifier, "logMaxFiles", logMaxFiles,
                            "needs logMaxSize, the size at which the log file is rotated",
                            "logMaxSize(...) too, such as logMaxSize(10485760) for 10MB files", "logMaxSize");
                }
                return null;
            }
            if (!daemonizeForMe) {
                throw new InvalidOptionException(identifier, "logMaxSize", logMaxSize, "bounds only the log file the "
                        + "controller writes, the output of a daemonizeForMe daemon; this daemon writes its own log "
                        + "file, or none", "daemonizeForMe(true) for a command that stays in the foreground; or "
                        + "leave logMaxSize unset and rotate the log with the daemon's own settings or logrotate",
                        "daemonizeForMe");
            }
            return new LogRotation(logMaxSize, logMaxFiles == null ? LogRotation.DEFAULT_MAX_FILES : logMaxFiles);
        }

        private void requirePidFileOrDaemonizeForMe() {
            if (pidFile == null && !daemonizeForMe) {
                throw missing("pidFile", "the file the daemon writes its pid to, such as "
                        + "pidFile(Path.of(\"tmp/pids/search.pid\")); or daemonizeForMe(true) for a command "
                        + "that stays in the foreground, and the controller writes it");
            }
        }

        private Path directory() {
            return (workingDirectory == null ? Path.of("") : workingDirectory).toAbsolutePath().normalize();
        }

        private Path resolvedPidFile(Path directory) {
            return pidFile != null ? directory.resolve(pidFile).normalize() : defaultPidFile();
        }

        private Path resolvedLockFile(Path directory, Path pid) {
            return lockFile != null ? directory.resolve(lockFile).normalize()
                    : pid.resolveSibling(pid.getFileName() + ".lock");
        }

        private Path defaultPidFile() {
            return Path.of(System.getProperty("java.io.tmpdir"), "daemon-controller", slug() + ".pid");
        }

        private String slug() {
            return identifier.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
        }

        private static Path replaceExtension(Path file, String extension) {
            String name = file.getFileName().toString();
            String stem = name.endsWith(".pid") ? name.substring(0, name.length() - 4) : name;
            return file.resolveSibling(stem + extension);
        }

        private CommandLine shell(String command, String option) {
            if (command == null || command.isBlank()) {
                throw new InvalidOptionException(identifier, option, command, "must not be empty",
                        "the command to run");
            }
            return CommandLine.shell(command);
        }

        private CommandLine exec(List<String> command, String option) {
            if (command == null || command.isEmpty() || command.get(0).isBlank()) {
                throw new InvalidOptionException(identifier, option, command, "must name a program to run",
                        "the program, then its arguments");
            }
            return CommandLine.exec(command);
        }

        private Duration positive(Duration duration, String option) {
            required(duration, option);
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidOptionException(identifier, option, duration, "must be a positive duration",
                        "a duration longer than zero");
            }
            return duration;
        }

        /** {@code value}, unless it is null: then the exception names the daemon and the option. */
        private <T> T required(T value, String option) {
            if (value == null) {
                throw new NullPointerException(identifier + ": " + option + " must not be null");
            }
            return value;
        }

        private InvalidOptionException missing(String option, String what) {
            return new InvalidOptionException(identifier, option, null, "is required", what);
        }
    }
}
