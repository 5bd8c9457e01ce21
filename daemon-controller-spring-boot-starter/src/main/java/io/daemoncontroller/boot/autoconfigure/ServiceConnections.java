package io.daemoncontroller.boot.autoconfigure;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Connection;
import io.daemoncontroller.boot.connection.BuiltInConnectionDetailsFactories;
import io.daemoncontroller.boot.connection.DaemonConnectionSource;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * The connection details a daemon gives the application's Spring Boot clients when it is a service: its
 * {@code service} (else the one its start command's program is), its {@code port} or its ping's, the host of its
 * ping, and its
 * {@code connection.*} keys, made into {@link ConnectionDetails} by the {@code ConnectionDetailsFactory} beans
 * registered for {@link DaemonConnectionSource}, then adapted by those registered for the details made (Flyway's and
 * Liquibase's from JDBC's), as Boot's Docker Compose support does for a running service. A service the daemon is
 * detected to be is wired only when its Boot module is on the classpath, it has a port (its own or a {@code tcp://}
 * ping's) and it is not one of several instances; one it is said to be, with {@code service} or {@code connection.*}
 * keys, fails the startup when it cannot be.
 */
final class ServiceConnections {

    private static final int PORT_NOT_CHOSEN = 0;

    private static final List<String> CONNECTION_KEYS = List.of("connection.username", "connection.database",
            "connection.password");

    private final Environment environment;
    private final ClassLoader classLoader;
    private List<ConnectionDetailsFactory<DaemonConnectionSource, ?>> builtIn;
    private ConnectionDetailsFactories factories;

    ServiceConnections(Environment environment, ClassLoader classLoader) {
        this.environment = environment;
        this.classLoader = classLoader;
    }

    /**
     * The connection details of the daemon {@code definition} describes, by their type; empty when it is no
     * service for the application's clients.
     *
     * @throws InvalidDaemonPropertyException when {@code service} or {@code connection.*} cannot be honoured
     */
    Map<Class<?>, ConnectionDetails> details(DaemonDefinition definition) {
        Map<Class<?>, ConnectionDetails> details = new LinkedHashMap<>();
        Optional<DaemonConnectionSource> source = source(definition);
        if (source.isEmpty()) {
            return details;
        }
        for (Map.Entry<Class<?>, ConnectionDetails> made : made(source.get()).entrySet()) {
            details.put(made.getKey(), made.getValue());
            details.putAll(factories().getConnectionDetails(made.getValue(), false));
        }
        return details;
    }

    /** What the starter's factories and those the application registered make of {@code source}, by type. */
    private Map<Class<?>, ConnectionDetails> made(DaemonConnectionSource source) {
        Map<Class<?>, ConnectionDetails> made = new LinkedHashMap<>();
        if (builtIn == null) {
            builtIn = BuiltInConnectionDetailsFactories.present(classLoader);
        }
        for (ConnectionDetailsFactory<DaemonConnectionSource, ?> factory : builtIn) {
            ConnectionDetails details = factory.getConnectionDetails(source);
            if (details != null) {
                made.put(ResolvableType.forClass(ConnectionDetailsFactory.class, factory.getClass()).resolveGeneric(1),
                        details);
            }
        }
        made.putAll(factories().getConnectionDetails(source, false));
        return made;
    }

    /**
     * The factories registered in {@code META-INF/spring.factories}, loaded once a daemon is a service: loading them
     * all (Boot's Docker Compose and Testcontainers ones too, when present) takes milliseconds.
     */
    private ConnectionDetailsFactories factories() {
        if (factories == null) {
            factories = new ConnectionDetailsFactories(classLoader);
        }
        return factories;
    }

    private Optional<DaemonConnectionSource> source(DaemonDefinition definition) {
        ConfiguredValue<String> service = definition.get("service", strippedOrNull(definition.settings()
                .getService()));
        ConfiguredValue<Object> connectionKey = firstConnectionKey(definition);
        if (DaemonService.NONE.equals(service.value())) {
            if (connectionKey != null) {
                throw connectionKeyWithoutService(definition, connectionKey, "service is none");
            }
            return Optional.empty();
        }
        if (service.isSet() && DaemonService.named(service.value()).isEmpty()) {
            return Optional.of(customService(definition, service));
        }
        Optional<DaemonService> known = service.isSet() ? DaemonService.named(service.value())
                : detected(definition);
        boolean wanted = service.isSet() || connectionKey != null;
        if (known.isEmpty() || !known.get().hasConnectionDetails()) {
            if (connectionKey != null) {
                throw connectionKeyWithoutService(definition, connectionKey, known.isPresent()
                        ? known.get().configValue() + " has no connection details in Spring Boot"
                        : "the daemon is no service: service is not set, and its start command's program is none it"
                                + " knows");
            }
            return Optional.empty();
        }
        DaemonService daemonService = known.get();
        if (!definition.entry().equals(definition.name())) {
            if (!wanted) {
                return Optional.empty();
            }
            ConfiguredValue<Object> blamed = service.isSet() ? definition.asWritten("service", null)
                    : connectionKey;
            throw blamed.invalid(definition.entry() + " runs " + definition.settings().getInstances()
                    + " instances, and Spring Boot's " + daemonService.configValue() + " client connects to one "
                    + "server", "nothing (remove it, and connect to the instances with a client of the "
                            + "application's own), or keep it and run one instance");
        }
        if (!daemonService.isSupportedBy(classLoader)) {
            if (!wanted) {
                return Optional.empty();
            }
            String problem = "the connection details of a " + daemonService.configValue() + " daemon come from "
                    + "Spring Boot's support for it, and it is not on the classpath";
            String addModule = " and add " + daemonService.dependencies() + " to the application's dependencies";
            if (service.isSet()) {
                throw definition.asWritten("service", null).invalid(problem, "none, or keep "
                        + daemonService.configValue() + addModule);
            }
            throw connectionKey.invalid(problem, "nothing (remove the connection.* keys), or keep it"
                    + addModule);
        }
        Optional<InetSocketAddress> address = tcpAddress(definition);
        if (address.isEmpty()) {
            if (!wanted) {
                return Optional.empty();
            }
            throw noAddress(definition, daemonService.configValue());
        }
        return Optional.of(source(definition, daemonService, address.get()));
    }

    /** The first connection.* key the daemon sets itself, as written; {@code null} when it sets none. */
    private static ConfiguredValue<Object> firstConnectionKey(DaemonDefinition definition) {
        for (String key : CONNECTION_KEYS) {
            if (definition.setsOwn(key)) {
                return definition.asWritten(key, null);
            }
        }
        return null;
    }

    /**
     * A service this starter does not know, which a {@code ConnectionDetailsFactory} of the application may: it
     * must make connection details of it.
     */
    private DaemonConnectionSource customService(DaemonDefinition definition, ConfiguredValue<String> service) {
        Optional<InetSocketAddress> address = tcpAddress(definition);
        DaemonConnectionSource source = address.map(found -> source(definition, service.value(), found))
                .orElse(null);
        if (source == null || factories().getConnectionDetails(source, false).isEmpty()) {
            throw definition.asWritten("service", service.value()).invalid("it is not a service this starter knows,"
                    + " and no ConnectionDetailsFactory<DaemonConnectionSource, ?> registered in "
                    + "META-INF/spring.factories makes connection details of it" + (address.isEmpty()
                            ? " (the daemon has no tcp:// ping to give one a host and port)" : ""),
                    DaemonService.accepted() + "; or keep it and register a ConnectionDetailsFactory for it");
        }
        return source;
    }

    private DaemonConnectionSource source(DaemonDefinition definition, DaemonService service,
            InetSocketAddress address) {
        Connection connection = connection(definition);
        if (service == DaemonService.REDIS && connection.getDatabase() != null
                && !connection.getDatabase().strip().matches("\\d{1,9}")) {
            throw definition.asWritten("connection.database", connection.getDatabase()).invalid("a redis database"
                    + " is a number", "the number of the database, 0 (the default) or more");
        }
        return source(definition, service.configValue(), address);
    }

    private DaemonConnectionSource source(DaemonDefinition definition, String service, InetSocketAddress address) {
        Connection connection = connection(definition);
        return new DaemonConnectionSource(definition.name(), service, address.getHostString(), address.getPort(),
                strippedOrNull(connection.getUsername()), connection.getPassword(),
                strippedOrNull(connection.getDatabase()), environment);
    }

    /** The service the start command's program is, such as {@code redis} for {@code /usr/bin/redis-server ...}. */
    private static Optional<DaemonService> detected(DaemonDefinition definition) {
        String command = definition.settings().getStartCommand();
        Optional<String> program = command == null ? Optional.empty() : StartCommandProgram.of(command);
        return program.isPresent() ? DaemonService.startedBy(program.get()) : Optional.empty();
    }

    /**
     * Where clients connect: the host of the first {@code tcp://} ping (else {@code localhost}, the default ping's)
     * and the daemon's {@code port}, else that ping's port. An auto port not chosen yet, as while the application is
     * AOT-processed, is {@value #PORT_NOT_CHOSEN}: the details made then only tell which beans to register.
     */
    private static Optional<InetSocketAddress> tcpAddress(DaemonDefinition definition) {
        Optional<InetSocketAddress> ping = firstTcpAddress(definition.settings().getPing());
        String port = strippedOrNull(definition.settings().getPort());
        if (port == null || !(DaemonPorts.isAuto(port) || port.matches("\\d{1,5}"))) {
            return ping;
        }
        String host = ping.isPresent() ? ping.get().getHostString() : "localhost";
        return Optional.of(InetSocketAddress.createUnresolved(host, DaemonPorts.isAuto(port) ? PORT_NOT_CHOSEN
                : Integer.parseInt(port)));
    }

    private static Optional<InetSocketAddress> firstTcpAddress(List<PingProperty> pings) {
        if (pings != null) {
            for (PingProperty ping : pings) {
                if (ping.tcpAddress().isPresent()) {
                    return ping.tcpAddress();
                }
            }
        }
        return Optional.empty();
    }

    private static InvalidDaemonPropertyException noAddress(DaemonDefinition definition, String service) {
        return definition.asWritten("ping", definition.settings().getPing()).invalid("a " + service + " daemon "
                + "gives its clients its port, or the host and port of its tcp:// ping, and it has neither",
                "a tcp://host:port ping, such as tcp://localhost:6379 (in a list with other pings, if need be); or "
                        + "set " + definition.ownProperty("port") + "; or set " + definition.ownProperty("service")
                        + " to none");
    }

    private static InvalidDaemonPropertyException connectionKeyWithoutService(DaemonDefinition definition,
            ConfiguredValue<Object> key, String why) {
        Object shown = key.property().endsWith(".password") ? "******" : key.value();
        return new InvalidDaemonPropertyException(key.property(), shown, key.origin(), "connection.* keys say how "
                + "the application's clients connect to a service, but " + why, "nothing (remove the connection.* "
                        + "keys), or keep it and set " + definition.ownProperty("service") + " to the service the "
                        + "daemon is (" + DaemonService.accepted().replace(" or none", "") + ")", null);
    }

    private static Connection connection(DaemonDefinition definition) {
        return definition.settings().getConnection();
    }

    private static String strippedOrNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
