package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Daemon;
import org.springframework.beans.propertyeditors.ClassEditor;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PlaceholdersResolver;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;

/**
 * Binds each daemon's settings from the environment in layers: the built-in defaults (the field initializers of
 * {@link Daemon}), then the keys under {@code daemon-controller.defaults}, then the daemon's own keys, each bound
 * onto the same instance. Records every property it binds, so that a message can name the one at fault and where
 * it was set.
 * <p>
 * An entry with {@code instances: N} over 1 is the daemons {@code <entry>-1} to {@code <entry>-N}. Each is bound
 * with {@code ${instance}} resolving to its number (1 for an entry of one daemon), through a property source that
 * comes first for placeholders only, so that every other placeholder resolves as in the environment. Each instance
 * needs PID, log and lock files of its own: an entry whose {@code pid-file}, {@code log-file} or {@code lock-file}
 * is the same for two instances is refused.
 */
final class DaemonDefinitionBinder {

    /** The placeholder that stands for an instance's number, 1 to {@code instances}. */
    static final String INSTANCE = "instance";

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("daemon-controller");

    private static final ConfigurationPropertyName DAEMONS =
            ConfigurationPropertyName.of(DaemonDefinition.PREFIX + "daemons");

    /** The keys of the files every instance must have of its own. */
    private static final List<String> OWN_FILES = List.of("pid-file", "log-file", "lock-file");

    private final PropertySources sources;
    private final List<ConfigurationPropertySource> configurationSources;
    private List<ConversionService> conversions;
    private final Consumer<PropertyEditorRegistry> editors;
    private final boolean lenient;
    private final Map<String, DaemonDefinition> bound = new HashMap<>();
    private final Map<Integer, InstanceBinder> binders = new HashMap<>();
    private Map<String, Instance> daemons;
    private Map<String, List<String>> daemonsByEntry;

    /**
     * Binds from the property sources {@code environment} has now, whatever sources are added later; loads the
     * classes of {@code connect-failures} with {@code classLoader}.
     */
    DaemonDefinitionBinder(Environment environment, ClassLoader classLoader) {
        this(sourcesNow(environment), classLoader, false);
    }

    /** Binds from {@code sources}; loads the classes of {@code connect-failures} with {@code classLoader}. */
    DaemonDefinitionBinder(PropertySources sources, ClassLoader classLoader) {
        this(sources, classLoader, false);
    }

    /**
     * With {@code lenient}, a value that cannot be bound is left unset instead of failing, for a look at the
     * settings before the environment is complete (a placeholder not resolvable yet); the binding that builds the
     * daemons reports it.
     */
    DaemonDefinitionBinder(Environment environment, ClassLoader classLoader, boolean lenient) {
        this(sourcesNow(environment), classLoader, lenient);
    }

    private DaemonDefinitionBinder(PropertySources sources, ClassLoader classLoader, boolean lenient) {
        this.lenient = lenient;
        this.sources = sources;
        this.configurationSources = describingDaemons(ConfigurationPropertySources.from(sources));
        this.editors = registry -> registry.registerCustomEditor(Class.class, new ClassEditor(classLoader));
    }

    /**
     * A copy of the list of {@code environment}'s property sources, so that a binding in another thread, while the
     * context's refresh adds sources, binds from the same sources whenever it runs.
     */
    static PropertySources sourcesNow(Environment environment) {
        return new MutablePropertySources(((ConfigurableEnvironment) environment).getPropertySources());
    }

    /**
     * Those of {@code sources} that may have a key under {@code daemon-controller}. A binder looks each key of a
     * daemon up in every source it is given, and most sources of an application (system properties, environment
     * variables) have none of them: binding a daemon from the others binds the same values with fewer lookups.
     * Placeholders still resolve from every source.
     */
    private static List<ConfigurationPropertySource> describingDaemons(Iterable<ConfigurationPropertySource> sources) {
        List<ConfigurationPropertySource> describing = new ArrayList<>();
        for (ConfigurationPropertySource source : sources) {
            if (mayHaveValues(source, ROOT)) {
                describing.add(source);
            }
        }
        return describing;
    }

    /**
     * Whether daemons bound from {@code sources} are bound from {@code others}: both hold the same sources in the
     * same order, the attached view of all of them aside (see {@link ConfigurationPropertySources#attach}).
     */
    static boolean sameSources(PropertySources sources, PropertySources others) {
        Iterator<PropertySource<?>> other = others.iterator();
        for (PropertySource<?> source : sources) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            PropertySource<?> next = nextBindable(other);
            if (next != source) {
                return false;
            }
        }
        return nextBindable(other) == null;
    }

    private static PropertySource<?> nextBindable(Iterator<PropertySource<?>> sources) {
        while (sources.hasNext()) {
            PropertySource<?> source = sources.next();
            if (!ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                return source;
            }
        }
        return null;
    }

    /**
     * The names of the daemons under {@code daemon-controller.daemons}, in configuration order, each entry with
     * several instances giving the name of each.
     *
     * @throws InvalidDaemonPropertyException when an entry's {@code instances} is below 1 or set under
     * {@code defaults}, an instance's name is another entry's, or instances would share a file
     */
    List<String> names() {
        return List.copyOf(daemons().keySet());
    }

    /**
     * The definition of the daemon {@code name}, an instance of an entry or an entry; only the defaults apply when
     * it has no keys of its own. Bound once, then remembered.
     */
    DaemonDefinition bind(String name) {
        Map<String, Instance> instances = daemons();
        DaemonDefinition definition = bound.get(name);
        if (definition == null) {
            definition = bind(instances.getOrDefault(name, new Instance(name, 1))).definition(name, daemonsByEntry);
            bound.put(name, definition);
        }
        return definition;
    }

    /** Binds the layers of {@code instance}: the keys under {@code defaults}, then the entry's own. */
    private Layers bind(Instance instance) {
        InstanceBinder instanceBinder = binder(instance.number());
        Binder binder = instanceBinder.binder();
        Daemon settings = new Daemon();
        PropertyRecorder recorder = new PropertyRecorder(lenient);
        if (mayHaveValues(configurationSources, DaemonDefinition.DEFAULTS)) {
            binder.bind(DaemonDefinition.DEFAULTS, Bindable.ofInstance(settings), recorder);
        }
        boolean bindsOwn = binder.bind(DaemonDefinition.ownSection(instance.entry()), Bindable.ofInstance(settings),
                recorder).isBound();
        PlaceholdersResolver placeholders = instanceBinder.placeholders();
        Map<String, String> values = new LinkedHashMap<>();
        recorder.bound.forEach((property, bound) -> values.put(property.toString(),
                String.valueOf(placeholders.resolvePlaceholders(bound.getValue()))));
        return new Layers(instance, settings, recorder.bound, values, bindsOwn);
    }

    /**
     * Whether a source of {@code sources} may have a value on {@code daemon-controller.daemons} or under it: else
     * they describe no daemon.
     */
    static boolean mayDescribeDaemons(PropertySources sources) {
        return mayHaveValues(ConfigurationPropertySources.from(sources), DAEMONS);
    }

    /**
     * Whether a source may have a value on {@code section} or under it. Binding a section that no source has binds
     * nothing, as long as binding one that a source has takes, and is left out as Boot leaves out a nested one.
     */
    private static boolean mayHaveValues(Iterable<ConfigurationPropertySource> sources,
            ConfigurationPropertyName section) {
        for (ConfigurationPropertySource source : sources) {
            if (mayHaveValues(source, section)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mayHaveValues(ConfigurationPropertySource source, ConfigurationPropertyName section) {
        return source.containsDescendantOf(section) != ConfigurationPropertyState.ABSENT
                || source.getConfigurationProperty(section) != null;
    }

    /**
     * Finds the daemons, binding each entry once: an entry of one daemon is remembered as that daemon, an entry of
     * several as its first instance.
     */
    private Map<String, Instance> daemons() {
        if (daemons == null) {
            Map<String, List<String>> byEntry = new LinkedHashMap<>();
            Map<String, List<String>> namesByEntry = Collections.unmodifiableMap(byEntry);
            Map<String, Instance> instances = new LinkedHashMap<>();
            Map<String, DaemonDefinition> definitions = new HashMap<>();
            Map<String, Layers> entries = entries();
            for (Map.Entry<String, Layers> found : entries.entrySet()) {
                String entry = found.getKey();
                Layers layers = found.getValue();
                DaemonDefinition definition = layers.definition(entry, namesByEntry);
                int count = instanceCount(definition);
                List<String> names = new ArrayList<>();
                for (int number = 1; number <= count; number++) {
                    String name = count == 1 ? entry : entry + "-" + number;
                    if (count > 1 && entries.containsKey(name)) {
                        throw definition.asWritten("instances", count).invalid("it makes the daemon " + name
                                + ", a name that " + DaemonDefinition.ownSection(name) + " already has",
                                "rename one of the two entries, or run one copy of " + entry);
                    }
                    instances.put(name, new Instance(entry, number));
                    names.add(name);
                }
                byEntry.put(entry, List.copyOf(names));
                if (count > 1) {
                    DaemonDefinition first = layers.definition(names.get(0), namesByEntry);
                    DaemonDefinition second = bind(new Instance(entry, 2)).definition(names.get(1), namesByEntry);
                    requireOwnFiles(first, second, count);
                    definitions.put(first.name(), first);
                    definitions.put(second.name(), second);
                } else {
                    definitions.put(entry, definition);
                }
            }
            bound.putAll(definitions);
            daemonsByEntry = namesByEntry;
            daemons = instances;
        }
        return daemons;
    }

    /**
     * The entries under {@code daemon-controller.daemons} in configuration order, each bound as its first instance.
     * An entry whose own keys bind nothing (unknown keys, blank values) is left out, as binding the map of them
     * leaves it out.
     */
    private Map<String, Layers> entries() {
        Optional<Set<String>> named = keysInNames();
        Map<String, Layers> entries = new LinkedHashMap<>();
        for (String entry : named.orElseGet(this::boundKeys)) {
            Layers layers = bind(new Instance(entry, 1));
            if (layers.bindsOwn() || named.isEmpty()) {
                entries.put(entry, layers);
            }
        }
        return entries;
    }

    /**
     * The keys under {@code daemon-controller.daemons}, in the order binding the map of them gives: source after
     * source, each key where it first appears. Read from the names of the properties under it rather than by binding
     * the map, which would bind every daemon's settings only to learn its key. Empty when the names alone cannot
     * tell, for the map binding to: a value set on {@code daemon-controller.daemons} itself, which it converts as a
     * whole or takes as no daemons at all, or a key that is not the daemon's own section as written, such as
     * {@code [my.daemon]}, which it binds where {@link DaemonDefinition#ownSection} does not.
     */
    private Optional<Set<String>> keysInNames() {
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigurationPropertySource source : configurationSources) {
            if (source.getConfigurationProperty(DAEMONS) != null) {
                return Optional.empty();
            }
            if (source instanceof IterableConfigurationPropertySource iterable) {
                for (ConfigurationPropertyName name : iterable.filter(DAEMONS::isAncestorOf)) {
                    ConfigurationPropertyName entry = name.chop(DAEMONS.getNumberOfElements() + 1);
                    String key = entry.getElement(DAEMONS.getNumberOfElements(), Form.ORIGINAL);
                    if (!entry.toString().equals(DaemonDefinition.ownSection(key).toString())) {
                        return Optional.empty();
                    }
                    keys.add(key);
                }
            }
        }
        return Optional.of(keys);
    }

    private Set<String> boundKeys() {
        return binder(1).binder().bind(DAEMONS, Bindable.mapOf(String.class, Daemon.class),
                new PropertyRecorder(lenient))
                .map(entries -> (Set<String>) new LinkedHashSet<>(entries.keySet()))
                .orElse(Set.of());
    }

    private static int instanceCount(DaemonDefinition definition) {
        int count = definition.settings().getInstances();
        if (definition.isConfigured("instances") && !definition.setsOwn("instances")) {
            throw definition.asWritten("instances", count).invalid("instances applies to one daemon, not to all",
                    "remove it from defaults, and set " + DaemonDefinition.PREFIX + "daemons.<name>.instances on each "
                            + "daemon to run in several copies");
        }
        if (count < 1) {
            throw definition.asWritten("instances", count).invalid("must be 1 or more",
                    "the number of copies of the daemon to run, 1 or more (default 1): with 3, the daemons "
                            + definition.entry() + "-1, " + definition.entry() + "-2 and " + definition.entry()
                            + "-3");
        }
        return count;
    }

    /**
     * Refuses a {@code pid-file}, {@code log-file} or {@code lock-file} that is the same for the first two instances:
     * instances sharing one would take each other for the daemon, or serialize on one lock.
     */
    private static void requireOwnFiles(DaemonDefinition first, DaemonDefinition second, int count) {
        for (String key : OWN_FILES) {
            String path = file(first.settings(), key);
            if (path != null && path.equals(file(second.settings(), key))) {
                throw first.asWritten(key, path).invalid(first.entry() + " runs " + count + " instances, each "
                        + "of which needs a " + key + " of its own, but this path is the same for all of them",
                        "a path with ${" + INSTANCE + "} in it, which is each instance's number, such as "
                                + "tmp/pids/" + first.entry() + "-${" + INSTANCE + "}" + extension(key));
            }
        }
    }

    private static String file(Daemon settings, String key) {
        return switch (key) {
            case "log-file" -> settings.getLogFile();
            case "lock-file" -> settings.getLockFile();
            default -> settings.getPidFile();
        };
    }

    private static String extension(String key) {
        return switch (key) {
            case "log-file" -> ".log";
            case "lock-file" -> ".pid.lock";
            default -> ".pid";
        };
    }

    /**
     * The binder of the environment for instance {@code number}: it resolves {@code ${instance}} to {@code number}.
     * One for all the bindings of that number, as a binder keeps what it learns of the types it binds.
     */
    private InstanceBinder binder(int number) {
        return binders.computeIfAbsent(number, this::newBinder);
    }

    private InstanceBinder newBinder(int number) {
        PlaceholdersResolver placeholders = placeholders(number);
        return new InstanceBinder(new Binder(configurationSources, placeholders, conversions(), editors, null, null),
                placeholders);
    }

    /**
     * The conversions of every binder here, made for the first binding: a conversion service of Boot's own costs a
     * cold JVM a few milliseconds, which an application that describes no daemon need not spend.
     */
    private List<ConversionService> conversions() {
        if (conversions == null) {
            ApplicationConversionService conversionService = new ApplicationConversionService();
            conversionService.addConverter(new PingPropertyConverter());
            conversions = List.of(conversionService);
        }
        return conversions;
    }

    /** Resolves placeholders as the environment does, and {@code ${instance}} to {@code instance}. */
    private PlaceholdersResolver placeholders(int instance) {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new MapPropertySource("daemon-controller instance", Map.of(INSTANCE,
                Integer.toString(instance))));
        this.sources.forEach(sources::add);
        return new PropertySourcesPlaceholdersResolver(sources);
    }

    /** A binder of the environment, and the placeholders it resolves, for one instance number. */
    private record InstanceBinder(Binder binder, PlaceholdersResolver placeholders) {
    }

    /** Instance {@code number} of the daemons the entry {@code entry} describes. */
    private record Instance(String entry, int number) {
    }

    /**
     * The settings of {@code instance} with both layers bound, the properties bound into them and the value of each,
     * and whether the entry's own section bound any.
     */
    private record Layers(Instance instance, Daemon settings,
            Map<ConfigurationPropertyName, ConfigurationProperty> bound, Map<String, String> values,
            boolean bindsOwn) {

        DaemonDefinition definition(String name, Map<String, List<String>> daemonsByEntry) {
            return new DaemonDefinition(name, instance.entry(), settings, bound, values, daemonsByEntry);
        }
    }

    /**
     * Keeps each property that was bound to a value, by the name it was bound to. A blank string, as an empty YAML
     * key gives, is left unbound, whatever it converts to (an empty list, say), so that the layer below shows
     * through. When lenient, a value that fails to bind is left unset.
     */
    private static final class PropertyRecorder implements BindHandler {

        private final Map<ConfigurationPropertyName, ConfigurationProperty> bound = new LinkedHashMap<>();
        private final boolean lenient;

        PropertyRecorder(boolean lenient) {
            this.lenient = lenient;
        }

        @Override
        public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Exception error) throws Exception {
            if (lenient) {
                return null;
            }
            throw error;
        }

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Object result) {
            if (isBlank(result) || writtenBlank(name, context)) {
                return null;
            }
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getName().equals(name)) {
                bound.put(name, property);
            }
            return result;
        }

        private static boolean writtenBlank(ConfigurationPropertyName name, BindContext context) {
            for (ConfigurationPropertySource source : context.getSources()) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null) {
                    return isBlank(property.getValue());
                }
            }
            return false;
        }

        private static boolean isBlank(Object value) {
            return value instanceof String text && text.isBlank();
        }
    }
}
