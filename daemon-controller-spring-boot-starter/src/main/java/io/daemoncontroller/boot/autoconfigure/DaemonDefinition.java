package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.daemoncontroller.boot.LifecycleManagement;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Daemon;

/**
 * One daemon's configuration as it applies: its own keys over those under {@code defaults}, each with the property
 * it came from, for messages.
 */
final class DaemonDefinition {

    private static final String PREFIX = "daemon-controller.";

    private static final Map<String, Function<Daemon, Object>> CONTROLLER_KEYS = controllerKeys();

    private final String name;
    private final Daemon own;
    private final Daemon defaults;

    DaemonDefinition(String name, Daemon own, Daemon defaults) {
        this.name = name;
        this.own = own;
        this.defaults = defaults;
    }

    /** The definition of {@code name}: its entry under {@code daemons}, or only the defaults if it has none. */
    static DaemonDefinition of(String name, DaemonControllerProperties properties) {
        Daemon own = properties.getDaemons().get(name);
        return new DaemonDefinition(name, own != null ? own : new Daemon(), properties.getDefaults());
    }

    String name() {
        return name;
    }

    /**
     * The setting {@code key} (such as {@code "start-command"}), read with {@code getter}. A blank string, as an
     * empty YAML key gives, counts as unset.
     */
    <T> ConfiguredValue<T> get(String key, Function<Daemon, T> getter) {
        T value = setOrNull(getter.apply(own));
        if (value != null) {
            return new ConfiguredValue<>(ownProperty(key), value);
        }
        value = setOrNull(getter.apply(defaults));
        return value != null ? new ConfiguredValue<>(PREFIX + "defaults." + key, value)
                : new ConfiguredValue<>(ownProperty(key), null);
    }

    private static <T> T setOrNull(T value) {
        return value instanceof String text && text.isBlank() ? null : value;
    }

    /** The daemon's own property {@code key}, such as {@code daemon-controller.daemons.search.ping}. */
    String ownProperty(String key) {
        return PREFIX + "daemons." + name + "." + key;
    }

    LifecycleManagement lifecycle() {
        LifecycleManagement lifecycle = get("lifecycle", Daemon::getLifecycle).value();
        return lifecycle != null ? lifecycle : LifecycleManagement.ON_DEMAND;
    }

    boolean required() {
        Boolean required = get("required", Daemon::getRequired).value();
        return required != null ? required : lifecycle().isRequiredByDefault();
    }

    List<String> tags() {
        List<String> tags = get("tags", Daemon::getTags).value();
        return tags != null ? tags : List.of();
    }

    /**
     * The names of the daemons this one depends on (stripped), each with its property, such as
     * {@code daemon-controller.daemons.app.depends-on[0]}; empty when none. A {@code depends-on} under
     * {@code defaults} applies to every other daemon: a daemon never inherits a dependency on itself.
     */
    List<ConfiguredValue<String>> dependsOn() {
        ConfiguredValue<List<String>> names = get("depends-on", Daemon::getDependsOn);
        if (!names.isSet()) {
            return List.of();
        }
        boolean inherited = !names.property().equals(ownProperty("depends-on"));
        List<ConfiguredValue<String>> dependencies = new ArrayList<>();
        for (int i = 0; i < names.value().size(); i++) {
            String dependency = names.value().get(i).strip();
            if (!(inherited && dependency.equals(name))) {
                dependencies.add(new ConfiguredValue<>(names.property() + "[" + i + "]", dependency));
            }
        }
        return dependencies;
    }

    /**
     * The first of the daemon's own keys that says how to run it (rather than lifecycle, required, tags or
     * depends-on), if it sets one.
     */
    Optional<String> firstControllerKey() {
        return CONTROLLER_KEYS.entrySet().stream()
                .filter(key -> setOrNull(key.getValue().apply(own)) != null)
                .map(key -> ownProperty(key.getKey()))
                .findFirst();
    }

    private static Map<String, Function<Daemon, Object>> controllerKeys() {
        Map<String, Function<Daemon, Object>> keys = new LinkedHashMap<>();
        keys.put("start-command", Daemon::getStartCommand);
        keys.put("stop-command", Daemon::getStopCommand);
        keys.put("restart-command", Daemon::getRestartCommand);
        keys.put("ping", Daemon::getPing);
        keys.put("ping-timeout", Daemon::getPingTimeout);
        keys.put("pid-file", Daemon::getPidFile);
        keys.put("log-file", Daemon::getLogFile);
        keys.put("lock-file", Daemon::getLockFile);
        keys.put("working-directory", Daemon::getWorkingDirectory);
        keys.put("environment", Daemon::getEnvironment);
        keys.put("start-timeout", Daemon::getStartTimeout);
        keys.put("start-abort-timeout", Daemon::getStartAbortTimeout);
        keys.put("stop-timeout", Daemon::getStopTimeout);
        keys.put("log-file-activity-timeout", Daemon::getLogFileActivityTimeout);
        keys.put("ping-interval", Daemon::getPingInterval);
        keys.put("stop-signal", Daemon::getStopSignal);
        keys.put("daemonize-for-me", Daemon::getDaemonizeForMe);
        keys.put("dont-stop-if-pid-file-invalid", Daemon::getDontStopIfPidFileInvalid);
        keys.put("connect-failures", Daemon::getConnectFailures);
        keys.put("restart", Daemon::getRestart);
        keys.put("restart-delay", Daemon::getRestartDelay);
        keys.put("max-restart-delay", Daemon::getMaxRestartDelay);
        keys.put("max-restarts", Daemon::getMaxRestarts);
        keys.put("restart-window", Daemon::getRestartWindow);
        return keys;
    }
}
