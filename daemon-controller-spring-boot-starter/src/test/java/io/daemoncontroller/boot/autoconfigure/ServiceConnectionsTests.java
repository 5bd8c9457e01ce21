package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.daemoncontroller.boot.connection.SearchConnectionDetailsFactory.SearchConnectionDetails;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The connection details of daemons that are services, made without running them: the daemons are
 * {@code on-demand} and never started, which is also how an on-demand daemon is wired.
 */
class ServiceConnectionsTests {

    private static final String DB = "daemon-controller.daemons.db.";

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(DaemonControllerAutoConfiguration.class, ServiceConnectionsAutoConfiguration.class));

    static Stream<Arguments> programs() {
        return Stream.of(
                arguments("redis-server --port 7001", "dataRedisConnectionDetailsForDb",
                        (Consumer<ConnectionDetails>) details -> assertThat(((DataRedisConnectionDetails) details)
                                .getStandalone()).extracting("host", "port", "database")
                                .containsExactly("127.0.0.1", 7001, 0)),
                arguments("exec /usr/lib/postgresql/15/bin/postgres -D data", "jdbcConnectionDetailsForDb",
                        jdbc("jdbc:postgresql://127.0.0.1:7001/postgres", "postgres", null)),
                arguments("pg_ctl -D data -w start", "jdbcConnectionDetailsForDb",
                        jdbc("jdbc:postgresql://127.0.0.1:7001/postgres", "postgres", null)),
                arguments("PGDATA=data postmaster", "jdbcConnectionDetailsForDb",
                        jdbc("jdbc:postgresql://127.0.0.1:7001/postgres", "postgres", null)),
                arguments("'/usr/sbin/mysqld' --port=7001", "jdbcConnectionDetailsForDb",
                        jdbc("jdbc:mysql://127.0.0.1:7001/", "root", null)),
                arguments("mariadbd --port=7001", "jdbcConnectionDetailsForDb",
                        jdbc("jdbc:mariadb://127.0.0.1:7001/", "root", null)),
                arguments("mongod --port 7001", "mongoConnectionDetailsForDb",
                        (Consumer<ConnectionDetails>) details -> assertThat(((MongoConnectionDetails) details)
                                .getConnectionString().getConnectionString())
                                .isEqualTo("mongodb://127.0.0.1:7001/test")),
                arguments("env RABBITMQ_NODE_PORT=7001 rabbitmq-server", "rabbitConnectionDetailsForDb",
                        (Consumer<ConnectionDetails>) details -> assertThat((RabbitConnectionDetails) details)
                                .extracting("username", "password", "virtualHost", "addresses")
                                .containsExactly("guest", "guest", "/",
                                        List.of(new RabbitConnectionDetails.Address("127.0.0.1", 7001)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void theServiceIsDetectedFromTheStartCommandsProgram(String command, String beanName,
            Consumer<ConnectionDetails> expected) {
        runner.withPropertyValues(daemon(command)).run(context -> {
            assertThat(context).hasNotFailed();
            expected.accept(context.getBean(beanName, ConnectionDetails.class));
        });
    }

    @Test
    void aSqlDatabaseHasR2dbcConnectionDetailsToo() {
        runner.withPropertyValues(daemon("postgres -D data")).withPropertyValues(DB + "connection.username=app",
                DB + "connection.password=secret").run(context -> {
                    ConnectionFactoryOptions options = context.getBean(R2dbcConnectionDetails.class)
                            .getConnectionFactoryOptions();
                    assertThat(options.getValue(ConnectionFactoryOptions.DRIVER)).isEqualTo("postgresql");
                    assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("127.0.0.1");
                    assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(7001);
                    assertThat(options.getValue(ConnectionFactoryOptions.USER)).isEqualTo("app");
                    assertThat(options.getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("secret");
                    assertThat(options.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("app");
                });
    }

    @Test
    void theConnectionKeysGiveTheUserPasswordAndDatabase() {
        runner.withPropertyValues(daemon("mysqld")).withPropertyValues(DB + "connection.username=shop",
                DB + "connection.password=secret", DB + "connection.database=orders").run(context -> jdbc(
                        "jdbc:mysql://127.0.0.1:7001/orders", "shop", "secret").accept(context.getBean(
                                JdbcConnectionDetails.class)));
    }

    @Test
    void thePortKeyGivesThePortAndLocalhostWithoutAPing() {
        runner.withPropertyValues(DB + "start-command=redis-server", DB + "port=7005",
                DB + "pid-file=" + directory.resolve("db.pid")).run(context -> assertThat(context.getBean(
                        DataRedisConnectionDetails.class).getStandalone()).extracting("host", "port")
                        .containsExactly("localhost", 7005));
    }

    @Test
    void anAutoPortIsTheOneChosenAndPublished() {
        runner.withPropertyValues(DB + "start-command=redis-server --port ${daemon-controller.daemons.db.port}",
                DB + "port=auto", DB + "pid-file=" + directory.resolve("db.pid")).run(context -> {
                    int published = context.getEnvironment().getRequiredProperty("daemon-controller.daemons.db.port",
                            Integer.class);
                    assertThat(published).isPositive();
                    assertThat(context.getBean(DataRedisConnectionDetails.class).getStandalone().getPort())
                            .isEqualTo(published);
                });
    }

    @Test
    void instancesOfADetectedServiceAreNotWired() {
        runner.withPropertyValues(daemon("redis-server")).withPropertyValues(DB + "instances=2",
                DB + "pid-file=" + directory.resolve("db-${instance}.pid")).run(context -> assertThat(context)
                        .hasNotFailed().doesNotHaveBean(ConnectionDetails.class));
    }

    @Test
    void aServiceTheStarterDoesNotKnowIsWiredByTheApplicationsOwnFactory() {
        runner.withPropertyValues(daemon("searchd -c sphinx.conf")).withPropertyValues(DB + "service=search",
                DB + "connection.database=products").run(context -> assertThat(context.getBean(
                        "searchConnectionDetailsForDb", SearchConnectionDetails.class))
                        .isEqualTo(new SearchConnectionDetails("db", "http://127.0.0.1:7001/products")));
    }

    @Test
    void aMongoUserAuthenticatesAgainstAdmin() {
        runner.withPropertyValues(daemon("mongod")).withPropertyValues(DB + "connection.username=app",
                DB + "connection.password=p@ss", DB + "connection.database=orders").run(context -> assertThat(
                        context.getBean(MongoConnectionDetails.class).getConnectionString().getConnectionString())
                        .isEqualTo("mongodb://app:p%40ss@127.0.0.1:7001/orders?authSource=admin"));
    }

    @Test
    void theServiceKeyWinsOverTheProgramAndNoneTurnsTheDetailsOff() {
        runner.withPropertyValues(daemon("/opt/cache/bin/server")).withPropertyValues(DB + "service=redis")
                .run(context -> assertThat(context).hasSingleBean(DataRedisConnectionDetails.class));
        runner.withPropertyValues(daemon("redis-server")).withPropertyValues(DB + "service=none")
                .run(context -> assertThat(context).doesNotHaveBean(ConnectionDetails.class));
    }

    @Test
    void aDaemonThatIsNoServiceOrOneBootCannotConnectToHasNoConnectionDetails() {
        runner.withPropertyValues(daemon("searchd -c sphinx.conf"))
                .run(context -> assertThat(context).doesNotHaveBean(ConnectionDetails.class));
        runner.withPropertyValues(daemon("memcached -p 7001"))
                .run(context -> assertThat(context).doesNotHaveBean(ConnectionDetails.class));
    }

    @Test
    void aDetectedServiceIsNotWiredWithoutItsBootModuleOrATcpPing() {
        runner.withPropertyValues(daemon("redis-server"))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.data.redis"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionDetails.class));
        runner.withPropertyValues(daemon("redis-server")).withPropertyValues(DB + "ping=exec:redis-cli ping")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConnectionDetails.class));
    }

    @Test
    void anExplicitServiceWhoseBootModuleIsMissingFailsNamingTheDependencyToAdd() {
        runner.withPropertyValues(daemon("/opt/cache/bin/server")).withPropertyValues(DB + "service=redis")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.data.redis"))
                .run(context -> assertThat(context).getFailure()
                        .isInstanceOf(InvalidDaemonPropertyException.class)
                        .hasMessageContaining(DB + "service")
                        .hasMessageContaining("org.springframework.boot:spring-boot-starter-data-redis"));
    }

    private String[] daemon(String command) {
        return new String[] { DB + "start-command=" + command, DB + "ping=tcp://127.0.0.1:7001",
                DB + "pid-file=" + directory.resolve("db.pid") };
    }

    private static Consumer<ConnectionDetails> jdbc(String url, String username, String password) {
        return details -> assertThat((JdbcConnectionDetails) details)
                .extracting("jdbcUrl", "username", "password").containsExactly(url, username, password);
    }
}
