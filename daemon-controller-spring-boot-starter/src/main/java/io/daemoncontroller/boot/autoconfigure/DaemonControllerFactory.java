package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;
import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.boot.LifecycleManagement;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Daemon;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@link DaemonController} a {@link DaemonDefinition} describes, reporting every bad or missing value
 * as an {@link InvalidDaemonPropertyException} that names the property.
 */
final class DaemonControllerFactory {

    private static final String DURATION = "a positive duration, such as 500ms, 20s, 2m or PT20S";

    private static final String PATH = "a file path, absolute or relative to working-directory";

    private static final String RESTART = "never, on-failure or always";

    private final Path applicationDirectory;
    private final ClassLoader classLoader;

    DaemonControllerFactory(Path applicationDirectory, ClassLoader classLoader) {
        this.applicationDirectory = applicationDirectory.toAbsolutePath().normalize();
        this.classLoader = classLoader;
    }

    DaemonController create(DaemonDefinition definition) {
        DaemonController.Builder builder = DaemonController.builder(definition.name());
        Path directory = workingDirectory(definition);
        builder.workingDirectory(directory);
        builder.ping(ping(definition, directory));
        ConfiguredValue<String> startCommand = definition.get("start-command", Daemon::getStartCommand);
        if (startCommand.isSet()) {
            apply(startCommand, builder::startCommand, "the shell command that starts the daemon");
            apply(definition.get("daemonize-for-me", Daemon::getDaemonizeForMe), builder::daemonizeForMe,
                    "true or false");
            requirePidFileOrDaemonizeForMe(definition);
        } else if (definition.lifecycle() == LifecycleManagement.NONE) {
            watchOnly(builder, definition.name());
        } else {
            throw startCommand.invalid("a daemon with lifecycle " + definition.lifecycle().configValue()
                    + " is started by this application, so it needs the command that starts it",
                    "a shell command, such as searchd -c config/sphinx.conf; or lifecycle: none for a daemon that "
                            + "something else starts");
        }
        apply(definition.get("stop-command", Daemon::getStopCommand), builder::stopCommand, "a shell command");
        apply(definition.get("restart-command", Daemon::getRestartCommand), builder::restartCommand,
                "a shell command");
        applyPath(definition.get("pid-file", Daemon::getPidFile), builder::pidFile);
        applyPath(definition.get("log-file", Daemon::getLogFile), builder::logFile);
        applyPath(definition.get("lock-file", Daemon::getLockFile), builder::lockFile);
        apply(definition.get("environment", Daemon::getEnvironment), builder::environment,
                "a map of variable names to values");
        apply(definition.get("start-timeout", Daemon::getStartTimeout), builder::startTimeout, DURATION);
        apply(definition.get("start-abort-timeout", Daemon::getStartAbortTimeout), builder::startAbortTimeout,
                DURATION);
        apply(definition.get("stop-timeout", Daemon::getStopTimeout), builder::stopTimeout, DURATION);
        apply(definition.get("log-file-activity-timeout", Daemon::getLogFileActivityTimeout),
                builder::logFileActivityTimeout, DURATION);
        apply(definition.get("ping-interval", Daemon::getPingInterval), builder::pingInterval, DURATION);
        apply(definition.get("stop-signal", Daemon::getStopSignal), builder::stopSignal,
                "a signal name, such as TERM, INT, QUIT, HUP, USR1 or KILL");
        apply(definition.get("dont-stop-if-pid-file-invalid", Daemon::getDontStopIfPidFileInvalid),
                builder::dontStopIfPidFileInvalid, "true or false");
        builder.connectFailures(connectFailures(definition));
        supervision(builder, definition);
        try {
            return builder.build();
        } catch (IllegalArgumentException ex) {
            throw restartDelays(definition).invalid(withoutIdentifier(ex.getMessage()),
                    "a duration such that restart-delay <= max-restart-delay");
        }
    }

    /**
     * The setting to blame when the builder refuses the options checked only together, which, with every other
     * option checked as it is applied, are restart-delay and max-restart-delay.
     */
    private static ConfiguredValue<Duration> restartDelays(DaemonDefinition definition) {
        ConfiguredValue<Duration> maxDelay = definition.get("max-restart-delay", Daemon::getMaxRestartDelay);
        return maxDelay.isSet() ? maxDelay : definition.get("restart-delay", Daemon::getRestartDelay);
    }

    /**
     * The restart policy and its backoff. A daemon with lifecycle none is never restarted here (something else runs
     * it): a restart under defaults does not apply to it, and one of its own is refused.
     */
    private static void supervision(DaemonController.Builder builder, DaemonDefinition definition) {
        ConfiguredValue<RestartPolicy> restart = definition.get("restart", Daemon::getRestart);
        if (definition.lifecycle() == LifecycleManagement.NONE) {
            if (restart.property().equals(definition.ownProperty("restart"))
                    && restart.isSet() && restart.value() != RestartPolicy.NEVER) {
                throw new ConfiguredValue<>(restart.property(), configValue(restart.value())).invalid("a daemon"
                        + " with lifecycle none is run by something else, so this application never restarts it",
                        "never; or a lifecycle that lets this application run it");
            }
            return;
        }
        apply(restart, builder::restartPolicy, RESTART);
        apply(definition.get("restart-delay", Daemon::getRestartDelay), builder::restartDelay, DURATION);
        apply(definition.get("max-restart-delay", Daemon::getMaxRestartDelay), builder::maxRestartDelay, DURATION);
        apply(definition.get("max-restarts", Daemon::getMaxRestarts), builder::maxRestarts, "a number, 0 or more");
        apply(definition.get("restart-window", Daemon::getRestartWindow), builder::restartWindow, DURATION);
    }

    private Path workingDirectory(DaemonDefinition definition) {
        ConfiguredValue<String> directory = definition.get("working-directory", Daemon::getWorkingDirectory);
        return directory.isSet() ? applicationDirectory.resolve(path(directory)).normalize() : applicationDirectory;
    }

    private Ping ping(DaemonDefinition definition, Path directory) {
        ConfiguredValue<String> value = definition.get("ping", Daemon::getPing);
        if (!value.isSet()) {
            throw value.invalid("every daemon needs a ping, to tell when it answers", PingProperty.ACCEPTED);
        }
        Ping ping = PingProperty.parse(value, directory);
        ConfiguredValue<Duration> timeout = definition.get("ping-timeout", Daemon::getPingTimeout);
        if (!timeout.isSet()) {
            return ping;
        }
        try {
            return ping.withTimeout(timeout.value());
        } catch (IllegalArgumentException ex) {
            throw timeout.invalid(ex.getMessage(), DURATION);
        }
    }

    private void requirePidFileOrDaemonizeForMe(DaemonDefinition definition) {
        ConfiguredValue<Boolean> daemonizeForMe = definition.get("daemonize-for-me", Daemon::getDaemonizeForMe);
        if (Boolean.TRUE.equals(daemonizeForMe.value())) {
            return;
        }
        ConfiguredValue<String> pidFile = definition.get("pid-file", Daemon::getPidFile);
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

    private List<Class<? extends Throwable>> connectFailures(DaemonDefinition definition) {
        ConfiguredValue<List<String>> names = definition.get("connect-failures", Daemon::getConnectFailures);
        List<Class<? extends Throwable>> types = new ArrayList<>();
        if (!names.isSet()) {
            return types;
        }
        for (int i = 0; i < names.value().size(); i++) {
            ConfiguredValue<String> name = new ConfiguredValue<>(names.property() + "[" + i + "]",
                    names.value().get(i).strip());
            types.add(exceptionClass(name));
        }
        return types;
    }

    private Class<? extends Throwable> exceptionClass(ConfiguredValue<String> name) {
        String accepted = "the fully qualified name of an exception class on the classpath, such as "
                + "redis.clients.jedis.exceptions.JedisConnectionException";
        Class<?> type;
        try {
            type = ClassUtils.forName(name.value(), classLoader);
        } catch (ClassNotFoundException | LinkageError | IllegalArgumentException ex) {
            throw name.invalid("no such class on the classpath", accepted);
        }
        if (!Throwable.class.isAssignableFrom(type)) {
            throw name.invalid(type.getName() + " is not an exception class", accepted);
        }
        return type.asSubclass(Throwable.class);
    }

    private static void applyPath(ConfiguredValue<String> value, Consumer<Path> option) {
        if (value.isSet()) {
            apply(new ConfiguredValue<>(value.property(), path(value)), option, PATH);
        }
    }

    private static Path path(ConfiguredValue<String> value) {
        try {
            return Path.of(value.value());
        } catch (InvalidPathException ex) {
            throw value.invalid("it is not a valid path: " + ex.getReason(), PATH);
        }
    }

    private static <T> void apply(ConfiguredValue<T> value, Consumer<T> option, String accepted) {
        if (!value.isSet()) {
            return;
        }
        try {
            option.accept(value.value());
        } catch (IllegalArgumentException ex) {
            throw value.invalid(withoutIdentifier(ex.getMessage()), accepted);
        }
    }

    /** {@code value} as it is written in configuration, such as {@code on-failure}. */
    private static String configValue(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String withoutIdentifier(String message) {
        int separator = message.indexOf(": ");
        return separator >= 0 ? message.substring(separator + 2) : message;
    }
}
