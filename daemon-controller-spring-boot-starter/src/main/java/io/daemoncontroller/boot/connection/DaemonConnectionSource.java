package io.daemoncontroller.boot.connection;

import org.springframework.core.env.Environment;

/**
 * A daemon that is a service its application's clients connect to, as a source for Spring Boot's
 * {@code ConnectionDetailsFactory}: the starter asks its own factories ({@link BuiltInConnectionDetailsFactories}),
 * which answer for redis, postgres, mysql, mariadb, mongodb and rabbitmq, and every factory registered in
 * {@code META-INF/spring.factories} for this source type, as Boot's Docker Compose support does for a running
 * service; an application may register more there, matching on {@link #service()}.
 *
 * @param daemonName the daemon's name under {@code daemon-controller.daemons}
 * @param service the service, such as {@code redis}: set with {@code service}, or detected from the start command
 * @param host the host clients connect to, from the daemon's ping
 * @param port the port clients connect to, from the daemon's ping
 * @param username {@code connection.username}; {@code null} for the service's default
 * @param password {@code connection.password}; {@code null} for the service's default
 * @param database {@code connection.database}; {@code null} for the service's default
 * @param environment the application's environment
 * @since 0.2.0
 */
public record DaemonConnectionSource(String daemonName, String service, String host, int port, String username,
        String password, String database, Environment environment) {

    /** Whether the daemon is the service {@code name}. */
    public boolean is(String name) {
        return service.equals(name);
    }

    /** {@link #username()}, else {@code fallback}. */
    String usernameOr(String fallback) {
        return username != null ? username : fallback;
    }

    /** {@link #password()}, else {@code fallback}. */
    String passwordOr(String fallback) {
        return password != null ? password : fallback;
    }

    /** {@link #database()}, else {@code fallback}. */
    String databaseOr(String fallback) {
        return database != null ? database : fallback;
    }

    /** {@code spring.application.name}, for the database's view of its sessions; {@code null} when not set. */
    String applicationName() {
        String name = environment.getProperty("spring.application.name");
        return name == null || name.isBlank() ? null : name;
    }
}
