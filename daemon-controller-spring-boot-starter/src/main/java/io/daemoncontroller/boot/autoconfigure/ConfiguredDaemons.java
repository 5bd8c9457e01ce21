package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.observation.DaemonObservations;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySources;
import org.springframework.core.io.ResourceLoader;

/**
 * The daemons described under {@code daemon-controller.daemons}, built from the environment when the application
 * runs: the controller of each daemon whose entry says how to run it, and the {@link ManagedDaemon} of each of
 * those that depends on such daemons only. Built by the application's startup in threads of its own (bound, with
 * the controllers, from the moment the environment is prepared: {@link DaemonsBoundAhead}), it lets the daemons
 * start before any bean exists; the {@code <name>DaemonController} beans are then factory-method beans of this
 * one, so that their names can be fixed at build time (AOT) while their settings are bound at run time. An entry
 * that only sets lifecycle, required, tags or depends-on belongs to a {@code DaemonController} bean of the
 * application, which does not exist yet: it has no daemon here. Publishes the operations and state changes of its
 * daemons from the start. In a context that holds {@link SharedDaemons}, the controllers are the ones shared by the
 * contexts of the JVM. Makes the connection details of the daemons that are services (see
 * {@link ServiceConnections}), which are factory-method beans of this one too.
 *
 * @since 0.2.0
 */
public final class ConfiguredDaemons implements DisposableBean {

    /** The name of this bean. */
    public static final String BEAN_NAME = "daemonControllerConfiguredDaemons";

    private final Environment environment;
    private final PropertySources sources;
    private final ClassLoader classLoader;
    private final DaemonThreads threads;
    private final SharedDaemons shared;
    private final ApplicationEventPublisher events;
    private final DaemonObservations observations;
    private final DaemonsBoundAhead boundAhead;
    private final Map<String, DaemonController> controllers = new LinkedHashMap<>();
    private final Map<String, ManagedDaemon> daemons = new LinkedHashMap<>();
    private final AtomicBoolean building = new AtomicBoolean();
    private final CompletableFuture<Void> built = new CompletableFuture<>();
    private BoundDaemons bound;
    private DaemonStateEventPublisher stateEvents;

    /**
     * Binds {@code daemon-controller.*} from {@code environment}, after publishing the daemons' ports to it unless
     * that is done already ({@link DaemonPorts}), and builds the daemons it describes, which
     * publish their operations to {@code events} and observe them with {@code observations}.
     *
     * @throws InvalidDaemonPropertyException naming the property, when a daemon's entry is invalid
     */
    @Autowired
    public ConfiguredDaemons(Environment environment, ResourceLoader resourceLoader,
            ApplicationEventPublisher events, DaemonObservations observations) {
        this(environment, resourceLoader, events, observations, null, true);
    }

    private ConfiguredDaemons(Environment environment, ResourceLoader resourceLoader,
            ApplicationEventPublisher events, DaemonObservations observations, DaemonsBoundAhead boundAhead,
            boolean buildNow) {
        DaemonPorts.publish(environment, resourceLoader.getClassLoader());
        this.environment = environment;
        this.sources = DaemonDefinitionBinder.sourcesNow(environment);
        this.classLoader = resourceLoader.getClassLoader();
        this.threads = DaemonThreads.of(environment);
        this.shared = resourceLoader instanceof ConfigurableApplicationContext context
                ? SharedDaemons.in(context).orElse(null) : null;
        this.events = events;
        this.observations = observations;
        this.boundAhead = boundAhead;
        if (buildNow) {
            build();
        }
    }

    /**
     * The daemons {@code environment} describes with the property sources it has now (its daemons' ports
     * published), built when first used (by {@link #build()} or any other method), so that an application's
     * startup can build them in a thread of its own while the context's refresh goes on. Each method waits for the
     * build, and throws what it threw. Takes the daemons from {@code boundAhead}, unless that is {@code null} or
     * they were bound from other property sources.
     */
    public static ConfiguredDaemons buildOnFirstUse(Environment environment, ResourceLoader resourceLoader,
            ApplicationEventPublisher events, DaemonObservations observations, DaemonsBoundAhead boundAhead) {
        return new ConfiguredDaemons(environment, resourceLoader, events, observations, boundAhead, false);
    }

    /**
     * Binds and builds the daemons unless that is done or under way in another thread, then waits until it is done.
     *
     * @throws InvalidDaemonPropertyException naming the property, when a daemon's entry is invalid
     */
    public void build() {
        if (building.compareAndSet(false, true)) {
            try {
                bindAndBuild();
                built.complete(null);
            } catch (RuntimeException | Error ex) {
                built.completeExceptionally(ex);
            }
        }
        try {
            built.join();
        } catch (CompletionException ex) {
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) ex.getCause();
        }
    }

    private void bindAndBuild() {
        bound = boundAhead != null ? boundAhead.boundFrom(environment, sources, classLoader).orElse(null) : null;
        if (bound == null) {
            bound = BoundDaemons.bind(environment, sources, classLoader, threads);
        }
        for (Map.Entry<String, DaemonDefinition> runnable : bound.runnable().entrySet()) {
            DaemonController own = bound.controller(runnable.getKey());
            controllers.put(runnable.getKey(), shared != null ? shared.controller(runnable.getValue(), same -> own)
                    : own);
        }
        Set<String> visited = new HashSet<>();
        for (String name : controllers.keySet()) {
            managed(name, visited);
        }
        this.stateEvents = new DaemonStateEventPublisher(daemons.values(), events);
    }

    /**
     * The daemon {@code name}, with those it depends on, when all of them are described here; {@code null} when
     * one is not, or when they depend on each other in a cycle (the {@code daemons} bean reports that).
     */
    private ManagedDaemon managed(String name, Set<String> visited) {
        if (daemons.containsKey(name)) {
            return daemons.get(name);
        }
        DaemonController controller = controllers.get(name);
        if (controller == null || !visited.add(name)) {
            return null;
        }
        DaemonDefinition definition = bound.runnable().get(name);
        List<ManagedDaemon> dependencies = new ArrayList<>();
        for (ConfiguredValue<String> dependency : definition.dependsOn()) {
            ManagedDaemon managed = managed(dependency.value(), visited);
            if (managed == null) {
                return null;
            }
            dependencies.add(managed);
        }
        ManagedDaemon daemon = new ManagedDaemon(name, controller, definition.lifecycle(), definition.required(),
                definition.tags(), dependencies, events, observations);
        daemons.put(name, daemon);
        return daemon;
    }

    /**
     * The factory method of the {@code <name>DaemonController} bean.
     *
     * @throws InvalidDaemonPropertyException when the daemon's entry does not say how to run it
     */
    DaemonController controller(String name) {
        build();
        return controllers.computeIfAbsent(name,
                daemon -> bound.factory().create(bound.binder().bind(daemon)));
    }

    /**
     * The factory method of the connection details bean of type {@code type} for the daemon {@code name}.
     *
     * @throws IllegalStateException when the daemon has none of that type: its configuration changed since the
     * application was processed ahead of time
     */
    ConnectionDetails connectionDetails(String name, Class<?> type) {
        build();
        ConnectionDetails details = bound.connectionDetails(name).get(type);
        if (details == null) {
            throw new IllegalStateException("Daemon '" + name + "' has no " + type.getName() + ": its service "
                    + "changed since the application was processed ahead of time; build it again");
        }
        return details;
    }

    /**
     * The daemons built when the application started, when {@code environment} still has the very property sources
     * they were bound from (no source added or removed since, as a {@code @PropertySource} would), so that binding
     * them again would give the same definitions: the registrars of the context's refresh then take them from here,
     * rather than bind every daemon again while the application waits.
     */
    static Optional<ConfiguredDaemons> current(BeanDefinitionRegistry registry, Environment environment) {
        if (registry instanceof SingletonBeanRegistry singletons
                && singletons.getSingleton(BEAN_NAME) instanceof ConfiguredDaemons configured) {
            configured.build();
            return configured.hasSourcesOf(environment) ? Optional.of(configured) : Optional.empty();
        }
        return Optional.empty();
    }

    private boolean hasSourcesOf(Environment environment) {
        return DaemonDefinitionBinder.sameSources(sources,
                ((ConfigurableEnvironment) environment).getPropertySources());
    }

    /** The definitions of every daemon under {@code daemon-controller.daemons}, as bound here. */
    DaemonDefinitionBinder definitions() {
        build();
        return bound.binder();
    }

    /** The types of the connection details of the daemon {@code name}, none when it is not built here. */
    Set<Class<?>> connectionDetailTypes(String name) {
        build();
        return bound.connectionDetails(name).keySet();
    }

    /** The definition the daemon {@code name} is built from, when it is built here. */
    Optional<DaemonDefinition> definition(String name) {
        build();
        return Optional.ofNullable(bound.runnable().get(name));
    }

    /** The daemon {@code name}, when it is built here. */
    Optional<ManagedDaemon> find(String name) {
        build();
        return Optional.ofNullable(daemons.get(name));
    }

    /** Every daemon built here, each after those it depends on. */
    public List<ManagedDaemon> all() {
        build();
        return List.copyOf(daemons.values());
    }

    /**
     * Stops publishing state changes, as the context that would receive them is closed; first waits for a build
     * under way, so that none begins after.
     */
    @Override
    public void destroy() {
        try {
            build();
        } catch (RuntimeException ex) {
            return;
        }
        stateEvents.destroy();
    }
}
