package io.daemoncontroller.sample;

import io.daemoncontroller.sample.postgres.PostgresRequirement;
import io.daemoncontroller.testsupport.FreePorts;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app with the {@code postgres} profile: a real PostgreSQL from the distribution's packages,
 * its cluster made by {@code initdb} on the first run and kept by the next, the schema migrated by Flyway, notes
 * stored through the endpoint. As root, PostgreSQL runs as {@code postgres}.
 */
class PostgresDaemonIT {

    private static final Duration DAEMON_EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;

    @BeforeAll
    static void requirePostgres() {
        PostgresRequirement.check();
    }

    /** Lets PostgreSQL's user into the run directory, as into the default one under {@code /tmp}. */
    @BeforeEach
    void openTheRunDirectory() throws IOException {
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    }


    @Test
    void theFirstRunMakesTheClusterAndMigratesItTheNextKeepsItAndEachStopsPostgresWithTheApp() throws Exception {
        app = start();

        long firstPid = Daemons.pid(app, "postgres")
                .orElseThrow(() -> new AssertionError("PostgreSQL runs once the app is ready"));
        assertThat(Files.getOwner(Path.of("/proc", Long.toString(firstPid))).getName())
                .as("PostgreSQL refuses root").isEqualTo(isRoot() ? "postgres" : System.getProperty("user.name"));
        assertThat(Daemons.readinessStatus(app, "postgres")).isEqualTo("UP");
        assertThat(app.log()).contains("Successfully applied 1 migration");
        HttpResponse<String> added = app.post("/notes", "text/plain", "Hello, PostgreSQL");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        JsonNode note = JSON.readTree(added.body());
        assertThat(note.path("text").asString()).isEqualTo("Hello, PostgreSQL");
        assertThat(app.json("/notes/" + note.path("id").asLong())).isEqualTo(note);

        app.stop();
        OsProcesses.awaitGone(firstPid, DAEMON_EXIT_TIMEOUT);

        app = start();
        long secondPid = Daemons.pid(app, "postgres").orElseThrow();
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(app.log()).contains("is up to date. No migration necessary");
        assertThat(app.json("/notes")).as("the first run's cluster").containsExactly(note);

        app.stop();
        OsProcesses.awaitGone(secondPid, DAEMON_EXIT_TIMEOUT);
    }

    private SampleApp start() throws IOException {
        return apps.start(directory, "--spring.profiles.active=postgres", "--app.kv.port=" + FreePorts.next());
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }
}
