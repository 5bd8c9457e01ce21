package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.daemoncontroller.AutoPort;
import io.daemoncontroller.DaemonController;
import io.daemoncontroller.DaemonControllerException;
import io.daemoncontroller.InvalidOptionException;
import io.daemoncontroller.Ping;
import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.boot.LifecycleManagement;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Daemon;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.origin.Origin;

/**
 * Builds the {@link DaemonController} a {@link DaemonDefinition} describes, reporting every bad or missing value
 * as an {@link InvalidDaemonPropertyException} that names the property and where it was set.
 */
final class DaemonControllerFactory {

    private static final String PATH = "a file path, absolute or relative to working-directory";

    private final Path applicationDirectory;
    private final ThreadFactory threads;

    /** Resolves relative paths against {@code applicationDirectory}; the controllers' threads come from {@code threads}. */
    DaemonControllerFactory(Path applicationDirectory, ThreadFactory threads) {
        this.applicationDirectory = applicationDirectory.toAbsolutePath().normalize();
        this.threads = threads;
    }

    DaemonController create(DaemonDefinition definition) {
        Daemon settings = definition.settings();
        DaemonController.Builder builder = DaemonController.builder(definition.name());
        Path directory = workingDirectory(definition);
        PropertyMapper map = PropertyMapper.get();
        try {
            builder.workingDirectory(directory);
            builder.threadFactory(threads);
            Integer port = port(builder, definition);
            builder.ping(ping(definition, directory, port));
            startCommand(builder, definition);
            map.from(settings.getStopCommand()).to(builder::stopCommand);
            map.from(settings.getRestartCommand()).to(builder::restartCommand);
            map.from(path(definition.get("pid-file", settings.getPidFile()))).to(builder::pidFile);
            map.from(path(definition.get("log-file", settings.getLogFile()))).to(builder::logFile);
            map.from(settings.getReadyLogLine()).whenHasText().to(builder::readyLogLine);
            logRotation(builder, definition);
            map.from(path(definition.get("lock-file", settings.getLockFile()))).to(builder::lockFile);
            map.from(settings.getEnvironment()).to(builder::environment);
            map.from(settings.getUser()).to(builder::user);
            map.from(settings.getStartTimeout()).to(builder::startTimeout);
            map.from(settings.getStartAbortTimeout()).to(builder::startAbortTimeout);
            map.from(settings.getStopTimeout()).to(builder::stopTimeout);
            map.from(settings.getLogFileActivityTimeout()).to(builder::logFileActivityTimeout);
            map.from(settings.getPingInterval()).to(builder::pingInterval);
            map.from(settings.getStopSignal()).to(builder::stopSignal);
            map.from(settings.isDontStopIfPidFileInvalid()).to(builder::dontStopIfPidFileInvalid);
            map.from(connectFailures(definition)).to(builder::connectFailures);
            supervision(builder, definition, map);
            liveness(builder, definition, directory);
            return builder.build();
        } catch (InvalidOptionException ex) {
            throw invalid(definition, ex);
        }
    }

    /**
     * Chooses the port of a daemon with {@code port: auto} and records it beside its PID file (see
     * {@link AutoPort}), from the daemon's working directory, PID file, lock file, daemonize-for-me and user.
     *
     * @throws InvalidDaemonPropertyException when one of those is invalid, the daemon's lifecycle is none, or no port
     *         can be chosen
     */
    AutoPort chooseAutoPort(DaemonDefinition definition, ConfiguredValue<String> port) {
        Daemon settings = definition.settings();
        if (definition.lifecycle() == LifecycleManagement.NONE) {
            throw port.invalid("a daemon with lifecycle none is started by something else, which cannot know a port"
                    + " chosen here", "the port number the daemon listens on");
        }
        DaemonController.Builder builder = DaemonController.builder(definition.name());
        PropertyMapper map = PropertyMapper.get();
        try {
            builder.workingDirectory(workingDirectory(definition));
            builder.daemonizeForMe(settings.isDaemonizeForMe());
            requirePidFileOrDaemonizeForMe(definition);
            map.from(path(definition.get("pid-file", settings.getPidFile()))).to(builder::pidFile);
            map.from(path(definition.get("lock-file", settings.getLockFile()))).to(builder::lockFile);
            map.from(settings.getUser()).to(builder::user);
            return builder.chooseAutoPort();
        } catch (InvalidOptionException ex) {
            throw invalid(definition, ex);
        } catch (DaemonControllerException ex) {
            throw new InvalidDaemonPropertyException(port.property(), port.value(), port.origin(),
                    "no port can be chosen: " + ex.getMessage(), "a port number; or auto, once the problem above is"
                            + " solved", ex);
        }
    }

    /**
     * The daemon's port, given to the builder, or {@code null} when it has none. An auto port is a number here: the
     * one {@link DaemonPorts} published.
     */
    private static Integer port(DaemonController.Builder builder, DaemonDefinition definition) {
        ConfiguredValue<String> port = definition.get("port", definition.settings().getPort());
        if (!port.isSet()) {
            return null;
        }
        String text = port.value().strip();
        if (DaemonPorts.isAuto(text)) {
            throw port.invalid("no port was chosen for auto: the daemons were built from an environment the "
                    + "daemon-controller starter did not prepare", "a port number; or build the daemons through the "
                    + "starter's auto-configuration");
        }
        if (text.isEmpty() || text.length() > 9 || !isDigits(text)) {
            throw port.invalid("it is neither auto nor a port number", "auto, for a free port chosen at startup; or"
                    + " a number from 1 to 65535");
        }
        builder.port(Integer.parseInt(text));
        return Integer.parseInt(text);
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void startCommand(DaemonController.Builder builder, DaemonDefinition definition) {
        ConfiguredValue<String> startCommand = definition.get("start-command", definition.settings()
                .getStartCommand());
        if (startCommand.isSet()) {
            builder.startCommand(startCommand.value());
            builder.daemonizeForMe(definition.settings().isDaemonizeForMe());
            requirePidFileOrDaemonizeForMe(definition);
        } else if (definition.lifecycle() == LifecycleManagement.NONE) {
            watchOnly(builder, definition.name());
        } else {
            throw startCommand.invalid("a daemon with lifecycle " + definition.lifecycle().configValue()
                    + " is started by this application, so it needs the command that starts it",
                    "a shell command, such as searchd -c config/sphinx.conf; or lifecycle: none for a daemon that "
                            + "something else starts");
        }
    }

    /**
     * The property behind the builder's refusal: the option's own, or, when two options conflict, the one of them
     * that is configured, so that the report points at a line the user wrote.
     */
    private static InvalidDaemonPropertyException invalid(DaemonDefinition definition, InvalidOptionException ex) {
        String key = DataObjectPropertyName.toDashedForm(ex.option());
        if (ex.conflictingOption().isEmpty()) {
            ConfiguredValue<Object> value = definition.asWritten(key, ex.value());
            return new InvalidDaemonPropertyException(value.property(), value.value(), value.origin(), ex.problem(),
                    ex.fix(), ex);
        }
        String other = DataObjectPropertyName.toDashedForm(ex.conflictingOption().get());
        boolean blameOther = !definition.isConfigured(key) && definition.isConfigured(other);
        ConfiguredValue<Object> value = blameOther ? definition.asWritten(other, null)
                : definition.asWritten(key, ex.value());
        String otherProperty = definition.asWritten(blameOther ? key : other, null).property();
        return new InvalidDaemonPropertyException(value.property(), value.value(), value.origin(), ex.problem(),
                "a value that agrees with " + otherProperty + ", or change that one", ex);
    }

    /**
     * The restart policy and its backoff. A daemon with lifecycle none is never restarted here (something else runs
     * it): a restart under defaults does not apply to it, and one of its own is refused.
     */
    private static void supervision(DaemonController.Builder builder, DaemonDefinition definition,
            PropertyMapper map) {
        Daemon settings = definition.settings();
        if (definition.lifecycle() == LifecycleManagement.NONE) {
            if (definition.setsOwn("restart") && settings.getRestart() != RestartPolicy.NEVER) {
                throw definition.asWritten("restart", settings.getRestart()).invalid("a daemon with lifecycle none"
                        + " is run by something else, so this application never restarts it",
                        "never; or a lifecycle that lets this application run it");
            }
            return;
        }
        map.from(settings.getRestart()).to(builder::restartPolicy);
        map.from(settings.getRestartDelay()).to(builder::restartDelay);
        map.from(settings.getMaxRestartDelay()).to(builder::maxRestartDelay);
        map.from(settings.getMaxRestarts()).to(builder::maxRestarts);
        map.from(settings.getRestartWindow()).to(builder::restartWindow);
    }

    /**
     * The liveness check, when liveness.interval is set: its ping (the daemon's unless liveness.ping is set), bounded
     * by liveness.timeout, and its failure threshold. A refused value is reported under its liveness key.
     */
    private static void liveness(DaemonController.Builder builder, DaemonDefinition definition, Path directory) {
        DaemonControllerProperties.Liveness liveness = definition.settings().getLiveness();
        if (liveness.getInterval() == null) {
            return;
        }
        check(definition, "liveness.interval", liveness.getInterval(), () -> builder.livenessInterval(
                liveness.getInterval()));
        ConfiguredValue<List<PingProperty>> ping = definition.get("liveness.ping", liveness.getPing());
        if (ping.isSet() && !ping.value().isEmpty()) {
            builder.livenessPing(allOf(ping.value(), directory));
        }
        Duration timeout = liveness.getTimeout();
        if (timeout != null) {
            check(definition, "liveness.timeout", timeout, () -> builder.livenessTimeout(timeout));
        }
        int threshold = liveness.getFailureThreshold();
        if (threshold < 1) {
            throw definition.asWritten("liveness.failure-threshold", threshold).invalid("must be 1 or more",
                    "the number of failed checks in a row, 1 or more, that make the daemon unresponsive (default 3);"
                            + " to turn liveness checks off, remove liveness.interval");
        }
        builder.livenessFailureThreshold(threshold);
    }

    /**
     * log-max-size and log-max-files. Under defaults they apply to the daemonize-for-me daemons alone; a daemon that
     * writes its own log file and sets log-max-size itself is refused.
     */
    private static void logRotation(DaemonController.Builder builder, DaemonDefinition definition) {
        Daemon settings = definition.settings();
        DataSize maxSize = settings.getLogMaxSize();
        if (maxSize == null) {
            if (definition.isConfigured("log-max-files")) {
                throw definition.asWritten("log-max-files", settings.getLogMaxFiles()).invalid("it needs "
                        + "log-max-size, the size at which the log file is rotated", "log-max-size too, such as 10MB;"
                        + " or remove log-max-files");
            }
            return;
        }
        if (!settings.isDaemonizeForMe()) {
            if (definition.setsOwn("log-max-size")) {
                throw definition.asWritten("log-max-size", maxSize).invalid("it bounds only the log file the "
                        + "controller writes, the output of a daemonize-for-me daemon; this daemon writes its own log "
                        + "file, or none", "daemonize-for-me: true for a command that stays in the foreground; or "
                        + "remove log-max-size and rotate the log with the daemon's own settings or logrotate");
            }
            return;
        }
        check(definition, "log-max-size", maxSize, () -> builder.logMaxSize(maxSize.toBytes()));
        check(definition, "log-max-files", settings.getLogMaxFiles(),
                () -> builder.logMaxFiles(settings.getLogMaxFiles()));
    }

    /** Applies a setting, reporting the builder's refusal under {@code key}, as written and where. */
    private static void check(DaemonDefinition definition, String key, Object value, Runnable apply) {
        try {
            apply.run();
        } catch (InvalidOptionException ex) {
            throw definition.asWritten(key, value).invalid(ex.problem(), ex.fix());
        }
    }

    private Path workingDirectory(DaemonDefinition definition) {
        Path directory = path(definition.get("working-directory", definition.settings().getWorkingDirectory()));
        return directory != null ? applicationDirectory.resolve(directory).normalize() : applicationDirectory;
    }

    /** The ping; with a {@code port} and no ping of its own, {@code tcp://localhost:<port>}. */
    private static Ping ping(DaemonDefinition definition, Path directory, Integer port) {
        ConfiguredValue<List<PingProperty>> value = definition.get("ping", definition.settings().getPing());
        Ping ping;
        if (value.isSet() && !value.value().isEmpty()) {
            requireAutoPortInPing(definition, value, port);
            ping = allOf(value.value(), directory);
        } else if (port != null) {
            ping = Ping.tcp("localhost", port);
        } else {
            throw value.invalid("every daemon needs a ping, to tell when it answers", PingProperty.ACCEPTED
                    + "; or a list of them, every one of which must answer; or a port, which pings localhost on it");
        }
        ConfiguredValue<Duration> timeout = definition.get("ping-timeout", definition.settings().getPingTimeout());
        if (!timeout.isSet()) {
            return ping;
        }
        try {
            return ping.withTimeout(timeout.value());
        } catch (IllegalArgumentException ex) {
            throw definition.asWritten("ping-timeout", timeout.value()).invalid(ex.getMessage(),
                    "a duration longer than zero");
        }
    }

    /** The ping of {@code parts}: the one part, or all of them, each of which must answer. */
    private static Ping allOf(List<PingProperty> parts, Path directory) {
        if (parts.size() == 1) {
            return parts.get(0).toPing(directory);
        }
        Ping[] pings = new Ping[parts.size()];
        for (int i = 0; i < pings.length; i++) {
            pings[i] = parts.get(i).toPing(directory);
        }
        return Ping.allOf(pings);
    }

    /**
     * With {@code port: auto}, a tcp or http ping that names another port than the chosen one would wait for a port
     * the daemon was not given.
     */
    private static void requireAutoPortInPing(DaemonDefinition definition, ConfiguredValue<List<PingProperty>> pings,
            Integer port) {
        ConfiguredValue<String> setting = definition.get("port", definition.settings().getPort());
        Optional<AutoPortOrigin> chosen = AutoPortOrigin.of(setting.origin());
        if (chosen.isEmpty()) {
            return;
        }
        Origin auto = chosen.get().setting();
        for (int i = 0; i < pings.value().size(); i++) {
            PingProperty ping = pings.value().get(i);
            if (ping.port().isPresent() && ping.port().getAsInt() != port) {
                ConfiguredValue<String> part = pings.value().size() == 1
                        ? new ConfiguredValue<>(pings.property(), ping.toString(), pings.origin())
                        : definition.element("ping", pings, i, ping.toString());
                throw part.invalid("it names port " + ping.port().getAsInt() + ", but " + setting.property()
                        + " is auto" + (auto == null ? "" : " (" + auto + ")") + " and port "
                        + port + " was chosen: the ping would wait for a port the daemon was not given",
                        "the chosen port in the ping, such as tcp://localhost:${" + definition.ownProperty("port")
                                + "}, or no ping (it defaults to tcp://localhost:<port>); or set " + setting.property()
                                + " to " + ping.port().getAsInt() + " instead of auto");
            }
        }
    }

    private static void requirePidFileOrDaemonizeForMe(DaemonDefinition definition) {
        if (definition.settings().isDaemonizeForMe()) {
            return;
        }
        ConfiguredValue<String> pidFile = definition.get("pid-file", definition.settings().getPidFile());
        if (!pidFile.isSet()) {
            throw pidFile.invalid("the controller must know the file the daemon writes its pid to",
                    PATH + ", such as tmp/pids/" + definition.name() + ".pid; or set "
                            + definition.ownProperty("daemonize-for-me") + ": true for a start command that stays "
                            + "in the foreground, and the controller writes the PID file");
        }
    }

    /**
     * The core needs a start command even for a daemon it only watches: this one refuses, saying why, and the
     * controller's own PID file (from daemonizeForMe) stands in for the daemon's unless pid-file is set.
     */
    private static void watchOnly(DaemonController.Builder builder, String name) {
        builder.startCommand(List.of("/bin/sh", "-c", "echo \"$1\" >&2; exit 1", "sh", "daemon '" + name
                + "' has lifecycle none: something else starts it"));
        builder.daemonizeForMe(true);
    }

    /**
     * The configured exception classes; the binder has loaded them, and this checks they are exceptions, which the
     * binder does not.
     */
    private static List<Class<? extends Throwable>> connectFailures(DaemonDefinition definition) {
        ConfiguredValue<List<Class<? extends Throwable>>> types = definition.get("connect-failures",
                definition.settings().getConnectFailures());
        List<Class<? extends Throwable>> checked = new ArrayList<>();
        for (int i = 0; i < types.value().size(); i++) {
            Class<?> type = types.value().get(i);
            if (!Throwable.class.isAssignableFrom(type)) {
                throw definition.element("connect-failures", types, i, type.getName()).invalid(type.getName()
                        + " is not an exception class", "the fully qualified name of an exception class, such as "
                                + "redis.clients.jedis.exceptions.JedisConnectionException");
            }
            checked.add(type.asSubclass(Throwable.class));
        }
        return checked;
    }

    /** The path {@code value} names; {@code null} when it is not set. */
    private static Path path(ConfiguredValue<String> value) {
        if (!value.isSet()) {
            return null;
        }
        try {
            return Path.of(value.value());
        } catch (InvalidPathException ex) {
            throw value.invalid("it is not a valid path: " + ex.getReason(), PATH);
        }
    }
}
