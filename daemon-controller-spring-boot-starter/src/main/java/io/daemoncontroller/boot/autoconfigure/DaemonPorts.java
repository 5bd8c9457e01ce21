package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.daemoncontroller.AutoPort;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Publishes each daemon's port as {@code daemon-controller.daemons.<name>.port}, in a property source ahead of all
 * others, so that {@code ${daemon-controller.daemons.<name>.port}} resolves to it anywhere: the daemon's own
 * commands and ping, another bean's {@code @Value}, {@code spring.data.redis.port}. A daemon with {@code port: auto}
 * gets a port from {@link io.daemoncontroller.DaemonController.Builder#chooseAutoPort()}: the one recorded beside its
 * PID file while the daemon runs, else the recorded one if free, else a new free one. A port number set under
 * {@code defaults} is published for each daemon that inherits it. Runs once per environment: from an
 * {@code EnvironmentPostProcessor} for an application that {@code SpringApplication} runs, before anything binds
 * or resolves the port, and else when the daemons' beans are registered (an {@code ApplicationContextRunner}).
 * Does nothing while the application is AOT-processed (no port is chosen at build time) or with
 * {@code daemon-controller.enabled=false}.
 */
final class DaemonPorts {

    /** The name of the property source that holds the ports. */
    static final String PROPERTY_SOURCE = "daemonControllerPorts";

    private static final List<String> PATH_KEYS = List.of("working-directory", "pid-file", "lock-file");

    private DaemonPorts() {
    }

    /**
     * Publishes the ports of the daemons {@code environment} describes, unless done already.
     *
     * @return the auto ports chosen, by daemon name; empty when there are none or they were published already
     *
     * @throws InvalidDaemonPropertyException when a port cannot be chosen, or a path the auto port is recorded
     *         beside depends on that port
     */
    static Map<String, AutoPortOrigin> publish(Environment environment, ClassLoader classLoader) {
        if (!(environment instanceof ConfigurableEnvironment configurable)
                || configurable.getPropertySources().contains(PROPERTY_SOURCE)
                || Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                || !environment.getProperty("daemon-controller.enabled", Boolean.class, true)) {
            return Map.of();
        }
        if (!needsBinding(configurable)) {
            configurable.getPropertySources().addFirst(new PublishedPorts(Map.of(), Map.of()));
            return Map.of();
        }
        DaemonDefinitionBinder binder = new DaemonDefinitionBinder(environment, classLoader, true);
        DaemonControllerFactory factory = new DaemonControllerFactory(Path.of(""), Thread::new);
        Map<String, Object> ports = new LinkedHashMap<>();
        Map<String, Origin> origins = new LinkedHashMap<>();
        Map<String, AutoPortOrigin> chosenPorts = new LinkedHashMap<>();
        for (String name : binder.names()) {
            DaemonDefinition definition = binder.bind(name);
            ConfiguredValue<String> port = definition.get("port", definition.settings().getPort());
            if (!port.isSet() || definition.ownControllerSettings().isEmpty()) {
                continue;
            }
            String property = definition.ownProperty("port");
            if (isAuto(port.value())) {
                if (!definition.entry().equals(name)) {
                    throw port.invalid(definition.entry() + " runs several instances, each of which needs a port "
                            + "of its own, and auto is one port, published as " + property,
                            "a port with ${" + DaemonDefinitionBinder.INSTANCE + "} in it, each instance's number, "
                                    + "such as \"700${" + DaemonDefinitionBinder.INSTANCE + "}\"; or one instance");
                }
                rejectPathsThatDependOnThePort(configurable, definition, property);
                AutoPort chosen = factory.chooseAutoPort(definition, port);
                AutoPortOrigin origin = new AutoPortOrigin(chosen, port.origin());
                ports.put(property, chosen.port());
                origins.put(property, origin);
                chosenPorts.put(name, origin);
            } else if (!definition.setsOwn("port")) {
                ports.put(property, port.value().strip());
                origins.put(property, port.origin());
            }
        }
        configurable.getPropertySources().addFirst(new PublishedPorts(ports, origins));
        return chosenPorts;
    }

    /**
     * Whether the daemons must be bound to publish their ports: when a {@code port} key is set under
     * {@code defaults}, a daemon's {@code port} is {@code auto}, or an entry with a {@code port} runs several
     * instances, in a source that can list its keys. A port number in a daemon's own entry is a property already,
     * with nothing to publish: an application whose daemons set only those does not bind them here, on the
     * startup's main thread.
     */
    private static boolean needsBinding(ConfigurableEnvironment environment) {
        ConfigurationPropertyName defaults = DaemonDefinition.DEFAULTS.append("port");
        ConfigurationPropertyName daemons = ConfigurationPropertyName.of(DaemonDefinition.PREFIX + "daemons");
        boolean port = false;
        boolean instances = false;
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource keys)) {
                continue;
            }
            for (ConfigurationPropertyName key : keys) {
                if (key.equals(defaults)) {
                    return true;
                }
                if (key.getNumberOfElements() != daemons.getNumberOfElements() + 2 || !daemons.isAncestorOf(key)) {
                    continue;
                }
                String last = key.getLastElement(Form.UNIFORM);
                if (last.equals("instances")) {
                    instances = true;
                } else if (last.equals("port")) {
                    port = true;
                    Object value = source.getConfigurationProperty(key).getValue();
                    if (value != null && isAuto(environment.resolvePlaceholders(value.toString()))) {
                        return true;
                    }
                }
            }
        }
        return port && instances;
    }

    /** Whether {@code port} says {@code auto}. */
    static boolean isAuto(String port) {
        return port.strip().toLowerCase(Locale.ROOT).equals("auto");
    }

    /**
     * An auto port is recorded beside the PID file, so the PID file (its directory, the lock file) must not depend
     * on the port: each run would look for the daemon, and its recorded port, somewhere else. Resolves each path
     * as written with two different ports to tell.
     */
    private static void rejectPathsThatDependOnThePort(ConfigurableEnvironment environment,
            DaemonDefinition definition, String property) {
        for (String key : PATH_KEYS) {
            ConfiguredValue<Object> path = definition.asWritten(key, null);
            if (path.value() instanceof String written
                    && !Objects.equals(resolve(environment, written, property, "1"),
                            resolve(environment, written, property, "2"))) {
                throw path.invalid("it depends on " + property + ", which is auto: an auto port is recorded beside"
                        + " the PID file, so each run would look for the daemon, and its port, somewhere else",
                        "a path that does not use the port; or a port number instead of auto");
            }
        }
    }

    private static String resolve(ConfigurableEnvironment environment, String text, String property, String port) {
        MutablePropertySources sources = new MutablePropertySources(environment.getPropertySources());
        sources.addFirst(new MapPropertySource("daemonControllerPortProbe", Map.of(property, port)));
        return String.valueOf(new PropertySourcesPlaceholdersResolver(sources).resolvePlaceholders(text));
    }

    /** The published ports, each with where it came from. */
    private static final class PublishedPorts extends MapPropertySource implements OriginLookup<String> {

        private final Map<String, Origin> origins;

        PublishedPorts(Map<String, Object> ports, Map<String, Origin> origins) {
            super(PROPERTY_SOURCE, ports);
            this.origins = origins;
        }

        @Override
        public Origin getOrigin(String key) {
            return origins.get(key);
        }
    }
}
