package io.daemoncontroller.boot.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.util.ClassUtils;

/**
 * The services a daemon may be, for {@code service}: the programs that start each (to detect it from the start
 * command) and the Spring Boot modules through which an application connects to it, any one of which is enough for
 * its connection details.
 */
enum DaemonService {

    REDIS("redis", Set.of("redis-server", "redis-stack-server", "valkey-server"),
            new BootModule("spring-boot-data-redis", "spring-boot-starter-data-redis",
                    "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")),
    POSTGRES("postgres", Set.of("postgres", "pg_ctl", "postmaster", "pg_ctlcluster"), BootModule.JDBC,
            BootModule.R2DBC),
    MYSQL("mysql", Set.of("mysqld", "mysqld_safe"), BootModule.JDBC, BootModule.R2DBC),
    MARIADB("mariadb", Set.of("mariadbd", "mariadbd-safe"), BootModule.JDBC, BootModule.R2DBC),
    MONGODB("mongodb", Set.of("mongod"),
            new BootModule("spring-boot-mongodb", "spring-boot-starter-mongodb",
                    "org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails",
                    "com.mongodb.ConnectionString")),
    RABBITMQ("rabbitmq", Set.of("rabbitmq-server"),
            new BootModule("spring-boot-amqp", "spring-boot-starter-amqp",
                    "org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails")),
    /** Spring Boot has no memcached client support: known, so that it is no mistake, but nothing to connect. */
    MEMCACHED("memcached", Set.of("memcached"));

    /** The {@code service} value that turns connection details off for a daemon. */
    static final String NONE = "none";

    private final String configValue;
    private final Set<String> programs;
    private final List<BootModule> modules;

    DaemonService(String configValue, Set<String> programs, BootModule... modules) {
        this.configValue = configValue;
        this.programs = programs;
        this.modules = List.of(modules);
    }

    /** The service named {@code value} in configuration, such as {@code redis}. */
    static Optional<DaemonService> named(String value) {
        for (DaemonService service : values()) {
            if (service.configValue.equals(value)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The service whose program {@code program} (a file name, without its directory) is. */
    static Optional<DaemonService> startedBy(String program) {
        for (DaemonService service : values()) {
            if (service.programs.contains(program)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }

    /** The values {@code service} accepts, for messages. */
    static String accepted() {
        return Arrays.stream(values()).map(DaemonService::configValue).collect(Collectors.joining(", ")) + " or "
                + NONE;
    }

    String configValue() {
        return configValue;
    }

    /** Whether Spring Boot has connection details for this service at all. */
    boolean hasConnectionDetails() {
        return !modules.isEmpty();
    }

    /** Whether one of the modules that connect to this service is on {@code classLoader}'s classpath. */
    boolean isSupportedBy(ClassLoader classLoader) {
        for (BootModule module : modules) {
            if (module.isPresent(classLoader)) {
                return true;
            }
        }
        return false;
    }

    /** The dependencies to add for its connection details, for messages. */
    String dependencies() {
        return modules.stream().map(BootModule::describe).collect(Collectors.joining("; or "));
    }

    /**
     * A Spring Boot module that has the connection details of a service: its artifact, the starter that brings it
     * and the classes that must be present for it.
     */
    record BootModule(String artifact, String starter, String... classes) {

        static final BootModule JDBC = new BootModule("spring-boot-jdbc", "spring-boot-starter-jdbc",
                "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails");

        static final BootModule R2DBC = new BootModule("spring-boot-r2dbc", "spring-boot-starter-r2dbc",
                "org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails");

        boolean isPresent(ClassLoader classLoader) {
            for (String name : classes) {
                if (!ClassUtils.isPresent(name, classLoader)) {
                    return false;
                }
            }
            return true;
        }

        String describe() {
            return "org.springframework.boot:" + starter + " (or " + artifact + ")";
        }
    }
}
