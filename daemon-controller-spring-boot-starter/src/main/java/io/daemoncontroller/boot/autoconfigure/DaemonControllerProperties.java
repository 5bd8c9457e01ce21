package io.daemoncontroller.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.boot.LifecycleManagement;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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

    /**
     * The daemons, by name. Each entry holds the daemon's own keys over the built-in defaults; the keys under
     * {@code defaults} are layered between the two when the daemon is built.
     */
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

    /**
     * One daemon's settings. A daemon's settings start from these defaults, then take every key set under
     * {@code defaults}, then every key set under its own name.
     */
    public static class Daemon {

        /** The command that starts the daemon, run through /bin/sh -c. Required unless the lifecycle is none. */
        private String startCommand;

        /** The command that stops the daemon, through /bin/sh -c. Without one, stop-signal is sent to its pid. */
        private String stopCommand;

        /** The command that restarts the daemon, through /bin/sh -c. Without one, restart stops, then starts. */
        private String restartCommand;

        /**
         * How to tell the daemon answers: tcp://host:port, unix:/path/to.sock, http(s)://host:port/path or
         * exec:shell command; a list of them means that every one must answer. Required, unless port is set.
         */
        private List<PingProperty> ping;

        /**
         * The TCP port the daemon listens on: a number, or auto for a free port chosen at startup and recorded
         * beside the PID file (pid-file.port), reused while the daemon runs. Published as
         * daemon-controller.daemons.<name>.port, for ${...} in the daemon's commands, its ping and anywhere else.
         * With a port, the ping defaults to tcp://localhost:<port>.
         */
        private String port;

        /** How long one ping may take, in health checks too. */
        private Duration pingTimeout = Duration.ofSeconds(2);

        /** The file the daemon writes its pid to. Required unless daemonize-for-me is true. */
        private String pidFile;

        /**
         * The daemon's log file; its new lines are reported when a start fails. With daemonize-for-me, the PID
         * file's path with .log unless set.
         */
        private String logFile;

        /**
         * A regular expression for the line the daemon logs once it is ready, such as Ready to accept connections:
         * a start also waits until a line containing a match is written to log-file since the start began.
         */
        private String readyLogLine;

        /**
         * With daemonize-for-me: the size, such as 10MB, past which the log file is rotated, at a line boundary, to
         * log-file.1 (the older files one number up). At least 4KB. Default: not bounded.
         */
        private DataSize logMaxSize;

        /** With log-max-size: how many log files to keep, the current one included (log-file, log-file.1, ...). */
        private int logMaxFiles = 5;

        /** The file locked to serialize starts and stops between threads and processes. Default: pid-file.lock. */
        private String lockFile;

        /** The directory the commands run in, and that relative paths resolve against. Default: the application's. */
        private String workingDirectory;

        /**
         * The user, by name or uid, the start, stop and restart commands run as, with its groups (through setpriv).
         * Only root may name another user; naming the application's own user changes nothing. Default: the
         * application's user.
         */
        private String user;

        /**
         * Variables added to the environment of the start, stop and restart commands. A daemon's own variables are
         * added to those under defaults.
         */
        private Map<String, String> environment = new LinkedHashMap<>();

        /** How long a start may take in all before it is aborted. */
        private Duration startTimeout = Duration.ofSeconds(30);

        /** How long an aborted start's processes get to exit after SIGTERM before SIGKILL. */
        private Duration startAbortTimeout = Duration.ofSeconds(10);

        /** How long a stop may take before the daemon is killed with SIGKILL. */
        private Duration stopTimeout = Duration.ofSeconds(30);

        /** How long a starting daemon may go with neither new log output nor answering. */
        private Duration logFileActivityTimeout = Duration.ofSeconds(10);

        /** The longest gap between two pings while waiting for a start or a stop. */
        private Duration pingInterval = Duration.ofMillis(100);

        /** The signal sent to stop the daemon when there is no stop-command, such as TERM or INT. */
        private String stopSignal = "TERM";

        /**
         * Whether the start command stays in the foreground, so that the controller runs it in a session of its
         * own, appends its output to the log file and writes the PID file.
         */
        private boolean daemonizeForMe = false;

        /** With a stop-command: whether to skip it when the PID file is invalid. */
        private boolean dontStopIfPidFileInvalid = false;

        /** What the application does with the daemon at startup, shutdown and on first use. */
        private LifecycleManagement lifecycle = LifecycleManagement.ON_DEMAND;

        /** Whether health is DOWN while the daemon does not answer. Default: false for on-demand daemons, else true. */
        private Boolean required;

        /** Tags that group daemons: Daemons.withTag, the endpoint's @tag selector and a daemons-<tag> health group. */
        private List<String> tags = new ArrayList<>();

        /**
         * Exception classes that mean "cannot connect" besides the built-in ones, such as a client library's own
         * connection exception.
         */
        private List<Class<? extends Throwable>> connectFailures = new ArrayList<>();

        /**
         * Whether a daemon that dies without being asked to stop is started again: never, on-failure (a non-zero
         * status, a signal, or an unknown status) or always. Always never for lifecycle none.
         */
        private RestartPolicy restart = RestartPolicy.NEVER;

        /** The delay before the first restart after a death; each further death within restart-window doubles it. */
        private Duration restartDelay = Duration.ofSeconds(1);

        /** The longest delay before a restart; not shorter than restart-delay. */
        private Duration maxRestartDelay = Duration.ofMinutes(1);

        /** How many restarts restart-window allows; one more death is a crash loop: FAILED. */
        private int maxRestarts = 5;

        /**
         * The window in which deaths count towards max-restarts; a daemon that runs this long without dying starts
         * over from restart-delay.
         */
        private Duration restartWindow = Duration.ofMinutes(1);

        /** Checks that the running daemon still answers, and what follows when it does not. */
        @NestedConfigurationProperty
        private final Liveness liveness = new Liveness();

        /**
         * The daemons this one needs: it starts only once they answer their ping, and stops before them at
         * shutdown. Under defaults, applies to every other daemon that sets none.
         */
        private List<String> dependsOn = new ArrayList<>();

        /**
         * How many copies of the daemon to run: more than 1 makes the daemons <name>-1 ... <name>-N, each tagged
         * <name>, with ${instance} (1 ... N) usable in every value. Set per daemon only, not under defaults.
         */
        private int instances = 1;

        /**
         * The service the daemon is, for the connection details of its Spring Boot client: redis, postgres, mysql,
         * mariadb, mongodb, rabbitmq or memcached; none for no connection details. Default: detected from the start
         * command's program (redis-server, postgres, pg_ctl, mysqld, mariadbd, mongod, rabbitmq-server, memcached).
         */
        private String service;

        /** What the service's clients connect with, besides the host and port of the daemon's ping. */
        @NestedConfigurationProperty
        private final Connection connection = new Connection();

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

        public List<PingProperty> getPing() {
            return ping;
        }

        public void setPing(List<PingProperty> ping) {
            this.ping = ping == null ? null : List.copyOf(ping);
        }

        public String getPort() {
            return port;
        }

        public void setPort(String port) {
            this.port = port;
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

        public DataSize getLogMaxSize() {
            return logMaxSize;
        }

        public void setLogMaxSize(DataSize logMaxSize) {
            this.logMaxSize = logMaxSize;
        }

        public int getLogMaxFiles() {
            return logMaxFiles;
        }

        public void setLogMaxFiles(int logMaxFiles) {
            this.logMaxFiles = logMaxFiles;
        }

        public String getReadyLogLine() {
            return readyLogLine;
        }

        public void setReadyLogLine(String readyLogLine) {
            this.readyLogLine = readyLogLine;
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

        public String getUser() {
            return user;
        }

        public void setUser(String user) {
            this.user = user;
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

        public boolean isDaemonizeForMe() {
            return daemonizeForMe;
        }

        public void setDaemonizeForMe(boolean daemonizeForMe) {
            this.daemonizeForMe = daemonizeForMe;
        }

        public boolean isDontStopIfPidFileInvalid() {
            return dontStopIfPidFileInvalid;
        }

        public void setDontStopIfPidFileInvalid(boolean dontStopIfPidFileInvalid) {
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

        public List<Class<? extends Throwable>> getConnectFailures() {
            return connectFailures;
        }

        public void setConnectFailures(List<Class<? extends Throwable>> connectFailures) {
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

        public int getMaxRestarts() {
            return maxRestarts;
        }

        public void setMaxRestarts(int maxRestarts) {
            this.maxRestarts = maxRestarts;
        }

        public Duration getRestartWindow() {
            return restartWindow;
        }

        public void setRestartWindow(Duration restartWindow) {
            this.restartWindow = restartWindow;
        }

        public Liveness getLiveness() {
            return liveness;
        }

        public List<String> getDependsOn() {
            return dependsOn;
        }

        public void setDependsOn(List<String> dependsOn) {
            this.dependsOn = dependsOn;
        }

        public int getInstances() {
            return instances;
        }

        public void setInstances(int instances) {
            this.instances = instances;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }

        public Connection getConnection() {
            return connection;
        }
    }

    /**
     * The credentials and database a service's clients use; the host and port come from the daemon's ping. Each
     * unset value is the service's usual default.
     */
    public static class Connection {

        /** The user clients log in as. Default: postgres for postgres, root for mysql and mariadb, guest for rabbitmq. */
        private String username;

        /** The user's password. Default: none; guest for rabbitmq. */
        private String password;

        /**
         * The database: its name, its number for redis (default 0), the virtual host for rabbitmq (default /).
         * Default: the username for postgres, test for mongodb, none for mysql and mariadb.
         */
        private String database;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getDatabase() {
            return database;
        }

        public void setDatabase(String database) {
            this.database = database;
        }
    }

    /**
     * The liveness check of a running daemon: after failure-threshold failed checks in a row it is unresponsive
     * (health DOWN), and its restart policy decides whether it is stopped and started again.
     */
    public static class Liveness {

        /** How often the running daemon is checked. Default: not checked. */
        private Duration interval;

        /** The liveness check's ping, in the form of ping (a list: every one must answer). Default: the ping. */
        private List<PingProperty> ping;

        /** How long one liveness check may take before it counts as failed. Default: ping-timeout. */
        private Duration timeout;

        /** How many failed checks in a row make the daemon unresponsive; 1 or more. */
        private int failureThreshold = 3;

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public List<PingProperty> getPing() {
            return ping;
        }

        public void setPing(List<PingProperty> ping) {
            this.ping = ping == null ? null : List.copyOf(ping);
        }

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public int getFailureThreshold() {
            return failureThreshold;
        }

        public void setFailureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
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
