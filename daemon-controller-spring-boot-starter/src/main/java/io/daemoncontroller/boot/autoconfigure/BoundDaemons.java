package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.daemoncontroller.DaemonController;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySources;

/**
 * The daemons under {@code daemon-controller.daemons} as one list of property sources describes them: the
 * definition of every daemon, and for each whose entry says how to run it a controller of its own and its
 * connection details. Depends on the properties alone, so that it can be bound before the application context
 * exists.
 */
final class BoundDaemons {

    private final DaemonDefinitionBinder binder;
    private final DaemonThreads threads;
    private DaemonControllerFactory factory;
    private final Map<String, DaemonDefinition> runnable = new LinkedHashMap<>();
    private final Map<String, DaemonController> controllers = new LinkedHashMap<>();
    private final Map<String, Map<Class<?>, ConnectionDetails>> connectionDetails = new LinkedHashMap<>();

    private BoundDaemons(DaemonDefinitionBinder binder, DaemonThreads threads) {
        this.binder = binder;
        this.threads = threads;
    }

    /**
     * Binds the daemons from {@code sources} of {@code environment}, loading the classes of
     * {@code connect-failures} with {@code classLoader}, and builds the controllers, whose threads come from
     * {@code threads}.
     *
     * @throws InvalidDaemonPropertyException naming the property, when a daemon's entry is invalid
     */
    static BoundDaemons bind(Environment environment, PropertySources sources, ClassLoader classLoader,
            DaemonThreads threads) {
        BoundDaemons bound = new BoundDaemons(new DaemonDefinitionBinder(sources, classLoader), threads);
        ServiceConnections connections = null;
        for (String name : bound.binder.names()) {
            DaemonDefinition definition = bound.binder.bind(name);
            if (!definition.ownControllerSettings().isEmpty()) {
                if (connections == null) {
                    connections = new ServiceConnections(environment, classLoader);
                }
                bound.runnable.put(name, definition);
                bound.controllers.put(name, bound.factory().create(definition));
                bound.connectionDetails.put(name, connections.details(definition));
            }
        }
        return bound;
    }

    /** The definitions of every daemon, an entry of several instances giving one per instance. */
    DaemonDefinitionBinder binder() {
        return binder;
    }

    /**
     * Builds the controllers of daemons bound later, such as those of a {@code DaemonController} bean's entry.
     * Made on first use: an application with no daemon to run loads none of the classes that build them.
     */
    DaemonControllerFactory factory() {
        if (factory == null) {
            factory = new DaemonControllerFactory(Path.of(""), threads.factory("daemon"));
        }
        return factory;
    }

    /** The definitions of the daemons whose entry says how to run them, in configuration order. */
    Map<String, DaemonDefinition> runnable() {
        return runnable;
    }

    /** The controller built for the runnable daemon {@code name}. */
    DaemonController controller(String name) {
        return controllers.get(name);
    }

    /** The connection details of the daemon {@code name}, by type; none unless it is runnable. */
    Map<Class<?>, ConnectionDetails> connectionDetails(String name) {
        return connectionDetails.getOrDefault(name, Map.of());
    }
}
