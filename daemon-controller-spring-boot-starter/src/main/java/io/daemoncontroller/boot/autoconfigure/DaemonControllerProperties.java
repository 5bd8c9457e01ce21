package io.daemoncontroller.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.boot.LifecycleManagement;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The daemons of an application, under {@code daemon-controller}. Each daemon's keys may also be set under
 * {@code defaults}, for every daemon that does not set its own. Relative paths resolve against the daemon's
 * {@code working-directory}, else the application's working directory.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("daemon-controller")
public class DaemonControllerProperties {

    /** Whether to manage the daemons at all. */
    private boolean enabled = true;

    /** Settings for every daemon that does not set its own. */
    private final Daemon defaults = new Daemon();

    /** The daemons, by name. */
    private final Map<String, Daemon> daemons = new LinkedHashMap<>();

    /** How a {@code @DaemonDependency} call is retried once the daemon it could not connect to runs. */
    private final DependencyRetry dependencyRetry = new DependencyRetry();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Daemon getDefaults() {
        return defaults;
    }

    public Map<String, Daemon> getDaemons() {
        return daemons;
    }

    public DependencyRetry getDependencyRetry() {
        return dependencyRetry;
    }

    /** One daemon's settings; a key left unset takes its value from {@code defaults}, else its default. */
    public static class Daemon {

        /** The command that starts the daemon, run through /bin/sh -c. Required unless the lifecycle is none. */
        private String startCommand;

        /** The command that stops the daemon, through /bin/sh -c. Without one, stop-signal is sent to its pid. */
        private String stopCommand;

        /** The command that restarts the daemon, through /bin/sh -c. Without one, restart stops, then starts. */
        private String restartCommand;

        /**
         * How to tell the daemon answers: tcp://host:port, unix:/path/to.sock, http(s)://host:port/path or
         * exec:shell command. Required.
         */
        private String ping;

        /** How long one ping may take, in health checks too. Default 2s. */
        private Duration pingTimeout;

        /** The file the daemon writes its pid to. Required unless daemonize-for-me is true. */
        private String pidFile;

        /** The daemon's log file; its new lines are reported when a start fails. */
        private String logFile;

        /** The file locked to serialize starts and stops between threads and processes. Default: pid-file.lock. */
        private String lockFile;

        /** The directory the commands run in, and that relative paths resolve against. */
        private String workingDirectory;

        /** Variables added to the environment of the start, stop and restart commands. */
        private Map<String, String> environment;

        /** How long a start may take in all before it is aborted. Default 30s. */
        private Duration startTimeout;

        /** How long an aborted start's processes get to exit after SIGTERM before SIGKILL. Default 10s. */
        private Duration startAbortTimeout;

        /** How long a stop may take before the daemon is killed with SIGKILL. Default 30s. */
        private Duration stopTimeout;

        /** How long a starting daemon may go with neither new log output nor answering. Default 10s. */
        private Duration logFileActivityTimeout;

        /** The longest gap between two pings while waiting for a start or a stop. Default 100ms. */
        private Duration pingInterval;

        /** The signal sent to stop the daemon when there is no stop-command, such as TERM or INT. Default TERM. */
        private String stopSignal;

        /**
         * Whether the start command stays in the foreground, so that the controller runs it in a session of its
         * own, appends its output to the log file and writes the PID file. Default false.
         */
        private Boolean daemonizeForMe;

        /** With a stop-command: whether to skip it when the PID file is invalid. Default false. */
        private Boolean dontStopIfPidFileInvalid;

        /** What the application does with the daemon at startup, shutdown and on first use. Default on-demand. */
        private LifecycleManagement lifecycle;

        /** Whether health is DOWN while the daemon does not answer. Default true, false for on-demand daemons. */
        private Boolean required;

        /** Tags that group daemons: Daemons.withTag, the endpoint's @tag selector and a daemons-<tag> health group. */
        private List<String> tags;

        /**
         * Exception classes, by fully qualified name, that mean "cannot connect" besides the built-in ones, such
         * as a client library's own connection exception.
         */
        private List<String> connectFailures;

        /**
         * Whether a daemon that dies without being asked to stop is started again: never, on-failure (a non-zero
         * status, a signal, or an unknown status) or always. Default never; always never for lifecycle none.
         */
        private RestartPolicy restart;

        /**
         * The delay before the first restart after a death; each further death within restart-window doubles it.
         * Default 1s.
         */
        private Duration restartDelay;

        /** The longest delay before a restart. Default 1m. */
        private Duration maxRestartDelay;

        /** How many restarts restart-window allows; one more death is a crash loop: FAILED. Default 5. */
        private Integer maxRestarts;

        /**
         * The window in which deaths count towards max-restarts; a daemon that runs this long without dying starts
         * over from restart-delay. Default 1m.
         */
        private Duration restartWindow;

        /**
         * The daemons this one needs: it starts only once they answer their ping, and stops before them at
         * shutdown. Under defaults, applies to every other daemon that sets none.
         */
        private List<String> dependsOn;

        public String getStartCommand() {
            return startCommand;
        }

        public void setStartCommand(String startCommand) {
            this.startCommand = startCommand;
        }

        public String getStopCommand() {
            return stopCommand;
        }

        public void setStopCommand(String stopCommand) {
            this.stopCommand = stopCommand;
        }

        public String getRestartCommand() {
            return restartCommand;
        }

        public void setRestartCommand(String restartCommand) {
            this.restartCommand = restartCommand;
        }

        public String getPing() {
            return ping;
        }

        public void setPing(String ping) {
            this.ping = ping;
        }

        public Duration getPingTimeout() {
            return pingTimeout;
        }

        public void setPingTimeout(Duration pingTimeout) {
            this.pingTimeout = pingTimeout;
        }

        public String getPidFile() {
            return pidFile;
        }

        public void setPidFile(String pidFile) {
            this.pidFile = pidFile;
        }

        public String getLogFile() {
            return logFile;
        }

        public void setLogFile(String logFile) {
            this.logFile = logFile;
        }

        public String getLockFile() {
            return lockFile;
        }

        public void setLockFile(String lockFile) {
            this.lockFile = lockFile;
        }

        public String getWorkingDirectory() {
            return workingDirectory;
        }

        public void setWorkingDirectory(String workingDirectory) {
            this.workingDirectory = workingDirectory;
        }

        public Map<String, String> getEnvironment() {
            return environment;
        }

        public void setEnvironment(Map<String, String> environment) {
            this.environment = environment;
        }

        public Duration getStartTimeout() {
            return startTimeout;
        }

        public void setStartTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
        }

        public Duration getStartAbortTimeout() {
            return startAbortTimeout;
        }

        public void setStartAbortTimeout(Duration startAbortTimeout) {
            this.startAbortTimeout = startAbortTimeout;
        }

        public Duration getStopTimeout() {
            return stopTimeout;
        }

        public void setStopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
        }

        public Duration getLogFileActivityTimeout() {
            return logFileActivityTimeout;
        }

        public void setLogFileActivityTimeout(Duration logFileActivityTimeout) {
            this.logFileActivityTimeout = logFileActivityTimeout;
        }

        public Duration getPingInterval() {
            return pingInterval;
        }

        public void setPingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
        }

        public String getStopSignal() {
            return stopSignal;
        }

        public void setStopSignal(String stopSignal) {
            this.stopSignal = stopSignal;
        }

        public Boolean getDaemonizeForMe() {
            return daemonizeForMe;
        }

        public void setDaemonizeForMe(Boolean daemonizeForMe) {
            this.daemonizeForMe = daemonizeForMe;
        }

        public Boolean getDontStopIfPidFileInvalid() {
            return dontStopIfPidFileInvalid;
        }

        public void setDontStopIfPidFileInvalid(Boolean dontStopIfPidFileInvalid) {
            this.dontStopIfPidFileInvalid = dontStopIfPidFileInvalid;
        }

        public LifecycleManagement getLifecycle() {
            return lifecycle;
        }

        public void setLifecycle(LifecycleManagement lifecycle) {
            this.lifecycle = lifecycle;
        }

        public Boolean getRequired() {
            return required;
        }

        public void setRequired(Boolean required) {
            this.required = required;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        public List<String> getConnectFailures() {
            return connectFailures;
        }

        public void setConnectFailures(List<String> connectFailures) {
            this.connectFailures = connectFailures;
        }

        public RestartPolicy getRestart() {
            return restart;
        }

        public void setRestart(RestartPolicy restart) {
            this.restart = restart;
        }

        public Duration getRestartDelay() {
            return restartDelay;
        }

        public void setRestartDelay(Duration restartDelay) {
            this.restartDelay = restartDelay;
        }

        public Duration getMaxRestartDelay() {
            return maxRestartDelay;
        }

        public void setMaxRestartDelay(Duration maxRestartDelay) {
            this.maxRestartDelay = maxRestartDelay;
        }

        public Integer getMaxRestarts() {
            return maxRestarts;
        }

        public void setMaxRestarts(Integer maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public Duration getRestartWindow() {
            return restartWindow;
        }

        public void setRestartWindow(Duration restartWindow) {
            this.restartWindow = restartWindow;
        }

        public List<String> getDependsOn() {
            return dependsOn;
        }

        public void setDependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
        }
    }

    /** The bounded retry of a {@code @DaemonDependency} call, after the daemons it could not connect to started. */
    public static class DependencyRetry {

        /** How many more times a call is made when it still cannot connect once its daemons were started. */
        private long maxRetries = 3;

        /** The delay before the first of those calls; the call that follows the start is made at once. */
        private Duration delay = Duration.ofMillis(100);

        /** By how much the delay grows from one call to the next. */
        private double multiplier = 2;

        /** The longest delay between two calls. */
        private Duration maxDelay = Duration.ofSeconds(2);

        public long getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(long maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getDelay() {
            return delay;
        }

        public void setDelay(Duration delay) {
            this.delay = delay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }
}
