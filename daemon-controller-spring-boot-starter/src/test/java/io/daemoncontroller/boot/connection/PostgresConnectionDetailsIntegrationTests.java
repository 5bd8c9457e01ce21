package io.daemoncontroller.boot.connection;

import java.nio.file.Path;

import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.Postgres;
import io.daemoncontroller.testsupport.PostgresTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real PostgreSQL described under {@code daemon-controller.daemons}, run as an unprivileged user when the tests
 * run as root: the application's {@link JdbcTemplate} reaches it through the daemon's connection details, with no
 * {@code spring.datasource.*} set or with wrong ones. The tests' classpath has no connection pool (other tests'
 * applications would all need a database then), so the application names a plain {@code DataSource} type, which
 * Boot builds from the same connection details as a pool.
 */
class PostgresConnectionDetailsIntegrationTests {

    private static final String DB = "daemon-controller.daemons.db.";

    @TempDir
    static Path templateDir;

    private static PostgresTemplate template;

    @TempDir
    Path directory;

    private final int port = FreePorts.next();

    @BeforeAll
    static void initdb() {
        template = PostgresTemplate.initdb(templateDir);
    }

    @Test
    void aJdbcTemplateReachesThePostgresDaemonDetectedFromItsProgramAsItsDefaultUserAndDatabase() {
        try (ConfigurableApplicationContext context = application().run()) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            assertThat(jdbc.queryForObject("select current_user || ' ' || current_database() || ' '"
                    + " || inet_server_port()", String.class)).isEqualTo("postgres postgres " + port);
            assertThat(context.getBeansOfType(JdbcConnectionDetails.class))
                    .containsOnlyKeys("jdbcConnectionDetailsForDb");
        }
    }

    @Test
    void theDaemonsConnectionDetailsWinOverWrongDatasourceProperties() {
        try (ConfigurableApplicationContext context = application().properties(
                "spring.datasource.url=jdbc:postgresql://nowhere.invalid:1/wrong", "spring.datasource.username=wrong",
                "spring.datasource.password=wrong").run()) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            assertThat(jdbc.queryForObject("select inet_server_port()", Integer.class)).isEqualTo(port);
        }
    }

    @Test
    void flywayMigratesTheDaemonsDatabaseThroughTheConnectionDetailsAdaptedFromTheJdbcOnes() {
        try (ConfigurableApplicationContext context = application().properties("spring.flyway.enabled=true",
                "spring.flyway.locations=classpath:db/flyway-connection-details",
                "spring.datasource.url=jdbc:postgresql://nowhere.invalid:1/wrong").run()) {
            assertThat(context.getBeansOfType(FlywayConnectionDetails.class))
                    .containsOnlyKeys("flywayConnectionDetailsForDb");
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("select text from greeting",
                    String.class)).isEqualTo("migrated");
        }
    }

    @Test
    void theUserAndDatabaseComeFromTheConnectionKeysAndTheApplicationNameReachesTheServer() {
        try (ConfigurableApplicationContext context = application().properties(DB + "service=postgres",
                DB + "connection.username=postgres", DB + "connection.database=template1",
                "spring.application.name=orders").run()) {
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

            assertThat(jdbc.queryForObject("select current_database() || ' ' || current_setting('application_name')",
                    String.class)).isEqualTo("template1 orders");
        }
    }

    private SpringApplicationBuilder application() {
        Postgres postgres = template.copyTo(directory, port);
        return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).properties(
                DB + "start-command=" + postgres.foregroundCommand(), DB + "daemonize-for-me=true",
                DB + "user=" + postgres.user(), DB + "pid-file=" + directory.resolve("db.pid"),
                DB + "ping=tcp://127.0.0.1:" + port, DB + "lifecycle=start-and-stop", DB + "start-timeout=20s",
                "spring.datasource.type=org.springframework.jdbc.datasource.SimpleDriverDataSource",
                "spring.flyway.enabled=false");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }
}
