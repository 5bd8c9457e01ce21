package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Import;

/**
 * The connection details of the daemons that are services, for Spring Boot's clients of them (see
 * {@link ServiceConnections}). Comes before the auto-configurations of those clients, so that their connection
 * details from {@code spring.*} properties back off, as they do for Boot's Docker Compose support.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class, beforeName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
        "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
        "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "daemon-controller.enabled", matchIfMissing = true)
@Import(ServiceConnectionsRegistrar.class)
public final class ServiceConnectionsAutoConfiguration {
}
