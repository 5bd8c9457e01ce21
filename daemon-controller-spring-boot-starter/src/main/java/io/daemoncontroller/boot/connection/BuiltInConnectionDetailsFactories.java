package io.daemoncontroller.boot.connection;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.util.ClassUtils;

/**
 * The starter's own {@code ConnectionDetailsFactory<DaemonConnectionSource, ?>}s, those whose Spring Boot module is
 * on the classpath. They are not registered in {@code META-INF/spring.factories} under Boot's key: Boot's
 * {@code ConnectionDetailsFactories} resolves the generic types of every factory registered there, and fails when
 * one names a type that is absent (an application without MongoDB has no {@code MongoConnectionDetails}), which
 * would break the application's startup, and Boot's Docker Compose and Testcontainers support with it.
 *
 * @since 0.2.0
 */
public final class BuiltInConnectionDetailsFactories {

    private static final List<BuiltIn> FACTORIES = List.of(
            new BuiltIn(() -> new RedisDaemonConnectionDetailsFactory(),
                    "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails"),
            new BuiltIn(() -> new JdbcDaemonConnectionDetailsFactory(),
                    "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails"),
            new BuiltIn(() -> new R2dbcDaemonConnectionDetailsFactory(),
                    "org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails",
                    "io.r2dbc.spi.ConnectionFactoryOptions"),
            new BuiltIn(() -> new MongoDaemonConnectionDetailsFactory(),
                    "org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails",
                    "com.mongodb.ConnectionString"),
            new BuiltIn(() -> new RabbitDaemonConnectionDetailsFactory(),
                    "org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails"));

    private BuiltInConnectionDetailsFactories() {
    }

    /** The factories whose connection details types (and the classes they use) {@code classLoader} has. */
    public static List<ConnectionDetailsFactory<DaemonConnectionSource, ?>> present(ClassLoader classLoader) {
        return FACTORIES.stream().filter(factory -> factory.isPresent(classLoader))
                .<ConnectionDetailsFactory<DaemonConnectionSource, ?>>map(factory -> factory.create().get())
                .toList();
    }

    /** A factory, made only once the classes it needs are known to be there. */
    private record BuiltIn(Supplier<ConnectionDetailsFactory<DaemonConnectionSource, ?>> create,
            String... requiredClasses) {

        boolean isPresent(ClassLoader classLoader) {
            return Arrays.stream(requiredClasses).allMatch(name -> ClassUtils.isPresent(name, classLoader));
        }
    }
}
