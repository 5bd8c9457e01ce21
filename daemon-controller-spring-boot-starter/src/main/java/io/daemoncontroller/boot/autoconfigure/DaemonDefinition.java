package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.daemoncontroller.boot.LifecycleManagement;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Daemon;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.origin.Origin;

/**
 * One daemon's configuration as it applies (its own keys over those under {@code defaults}, over the built-in
 * defaults), and for each key the property it came from and where that was set, for messages. A daemon is one
 * instance of the entry {@code daemon-controller.daemons.<entry>}: the entry itself, or, with {@code instances} over
 * 1, the daemon {@code <entry>-<instance>}, whose properties are the entry's.
 */
final class DaemonDefinition {

    static final String PREFIX = "daemon-controller.";

    static final ConfigurationPropertyName DEFAULTS = ConfigurationPropertyName.of(PREFIX + "defaults");

    /** The keys that say how the application treats a daemon, rather than how to run it. */
    private static final Set<String> MANAGEMENT_KEYS = Set.of("lifecycle", "required", "tags", "depends-on");

    private final String name;
    private final String entry;
    private final Daemon settings;
    private final Map<ConfigurationPropertyName, ConfigurationProperty> bound;
    private final Map<String, String> values;
    private final Map<String, List<String>> daemonsByEntry;

    /**
     * @param name the daemon's name: {@code entry}, or {@code <entry>-<instance>}
     * @param entry the name of the entry under {@code daemon-controller.daemons} that describes it
     * @param settings the daemon's settings, with every layer applied
     * @param bound the properties that were bound into {@code settings}, in binding order
     * @param values the value of each of {@code bound}, by its name, as written with placeholders resolved
     * @param daemonsByEntry the names of the daemons of each entry, by which {@code depends-on} names them all
     */
    DaemonDefinition(String name, String entry, Daemon settings,
            Map<ConfigurationPropertyName, ConfigurationProperty> bound, Map<String, String> values,
            Map<String, List<String>> daemonsByEntry) {
        this.name = name;
        this.entry = entry;
        this.settings = settings;
        this.bound = bound;
        this.values = Map.copyOf(values);
        this.daemonsByEntry = daemonsByEntry;
    }

    /**
     * Every property bound into this definition, under {@code defaults} and the daemon's own, by name, with its
     * value as written and placeholders resolved: two definitions with equal values describe the same daemon.
     */
    Map<String, String> values() {
        return values;
    }

    /** The bound property {@code name} (one of {@link #values()}), with its value as written and where it was set. */
    ConfiguredValue<Object> property(String name) {
        for (Map.Entry<ConfigurationPropertyName, ConfigurationProperty> property : bound.entrySet()) {
            if (property.getKey().toString().equals(name)) {
                return new ConfiguredValue<>(name, values.get(name), Origin.from(property.getValue()));
            }
        }
        return new ConfiguredValue<>(name, null, null);
    }

    /** The section of a daemon's own keys, {@code daemon-controller.daemons.<name>}. */
    static ConfigurationPropertyName ownSection(String name) {
        return ConfigurationPropertyName.adapt(PREFIX + "daemons." + name, '.');
    }

    String name() {
        return name;
    }

    /** The name of the entry that describes this daemon; its own name unless it is one of several instances. */
    String entry() {
        return entry;
    }

    Daemon settings() {
        return settings;
    }

    /**
     * The setting {@code key} (such as {@code "start-command"}), whose value is {@code value}, with the property it
     * came from; the daemon's own property when {@code value} is {@code null}.
     */
    <T> ConfiguredValue<T> get(String key, T value) {
        return value == null ? new ConfiguredValue<>(ownProperty(key), null, null) : withSource(key, value);
    }

    /**
     * The setting {@code key} as it is written in configuration, such as {@code 2m}; {@code value} when it is not
     * configured.
     */
    ConfiguredValue<Object> asWritten(String key, Object value) {
        ConfiguredValue<Object> configured = withSource(key, value);
        ConfigurationProperty source = source(key);
        return source == null ? configured
                : new ConfiguredValue<>(configured.property(), source.getValue(), configured.origin());
    }

    /** Whether {@code key} is set in configuration, under the daemon's own name or under {@code defaults}. */
    boolean isConfigured(String key) {
        return source(key) != null;
    }

    /**
     * Element {@code index} of the list setting {@code key}, whose value is {@code value}, such as
     * {@code depends-on[1]}; {@code list} is the whole list, as {@link #get} gives it.
     */
    <T> ConfiguredValue<T> element(String key, ConfiguredValue<?> list, int index, T value) {
        ConfigurationPropertyName section = setsOwn(key) ? ownSection(entry) : DEFAULTS;
        ConfigurationProperty element = find(section.append(key + "[" + index + "]"));
        Origin origin = element != null ? Origin.from(element) : list.origin();
        return new ConfiguredValue<>(list.property() + "[" + index + "]", value, origin);
    }

    /** Whether the daemon sets {@code key} itself, rather than inheriting it. */
    boolean setsOwn(String key) {
        return find(ownSection(entry).append(key)) != null;
    }

    /** The daemon's own property {@code key}, such as {@code daemon-controller.daemons.search.ping}. */
    String ownProperty(String key) {
        return PREFIX + "daemons." + entry + "." + key;
    }

    LifecycleManagement lifecycle() {
        return settings.getLifecycle();
    }

    boolean required() {
        return settings.getRequired() != null ? settings.getRequired() : lifecycle().isRequiredByDefault();
    }

    /** The configured tags; an instance also has its entry's name as a tag, so that {@code @<entry>} selects all. */
    List<String> tags() {
        if (entry.equals(name)) {
            return List.copyOf(settings.getTags());
        }
        Set<String> tags = new LinkedHashSet<>();
        tags.add(entry);
        tags.addAll(settings.getTags());
        return List.copyOf(tags);
    }

    /**
     * The names of the daemons this one depends on (stripped), each with its property, such as
     * {@code daemon-controller.daemons.app.depends-on[0]}; empty when none. A name whose entry has several instances
     * stands for all of them, each with that property. A {@code depends-on} under {@code defaults} applies to every
     * other daemon: a daemon never inherits a dependency on itself, nor on its own entry.
     */
    List<ConfiguredValue<String>> dependsOn() {
        ConfiguredValue<List<String>> names = get("depends-on", settings.getDependsOn());
        boolean inherited = !setsOwn("depends-on");
        List<ConfiguredValue<String>> dependencies = new ArrayList<>();
        for (int i = 0; i < names.value().size(); i++) {
            String dependency = names.value().get(i).strip();
            if (inherited && (dependency.equals(name) || dependency.equals(entry))) {
                continue;
            }
            for (String daemon : daemonsByEntry.getOrDefault(dependency, List.of(dependency))) {
                dependencies.add(element("depends-on", names, i, daemon));
            }
        }
        return dependencies;
    }

    /**
     * The daemon's own keys that say how to run it (rather than lifecycle, required, tags or depends-on), each as
     * written, in the order they were bound.
     */
    List<ConfiguredValue<Object>> ownControllerSettings() {
        ConfigurationPropertyName own = ownSection(entry);
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigurationPropertyName property : bound.keySet()) {
            if (own.isAncestorOf(property)) {
                keys.add(property.getElement(own.getNumberOfElements(), ConfigurationPropertyName.Form.DASHED));
            }
        }
        keys.removeAll(MANAGEMENT_KEYS);
        List<ConfiguredValue<Object>> written = new ArrayList<>();
        for (String key : keys) {
            written.add(asWritten(key, null));
        }
        return written;
    }

    private <T> ConfiguredValue<T> withSource(String key, T value) {
        ConfigurationProperty own = find(ownSection(entry).append(key));
        if (own != null) {
            return new ConfiguredValue<>(ownProperty(key), value, Origin.from(own));
        }
        ConfigurationProperty inherited = find(DEFAULTS.append(key));
        if (inherited != null) {
            return new ConfiguredValue<>(PREFIX + "defaults." + key, value, Origin.from(inherited));
        }
        return new ConfiguredValue<>(ownProperty(key), value, null);
    }

    /** The property {@code key} was bound from: the daemon's own, else the one under {@code defaults}; or null. */
    private ConfigurationProperty source(String key) {
        ConfigurationProperty own = find(ownSection(entry).append(key));
        return own != null ? own : find(DEFAULTS.append(key));
    }

    /** The first property bound at {@code key} or under it; null when there is none. */
    private ConfigurationProperty find(ConfigurationPropertyName key) {
        for (Map.Entry<ConfigurationPropertyName, ConfigurationProperty> property : bound.entrySet()) {
            if (key.equals(property.getKey()) || key.isAncestorOf(property.getKey())) {
                return property.getValue();
            }
        }
        return null;
    }
}
