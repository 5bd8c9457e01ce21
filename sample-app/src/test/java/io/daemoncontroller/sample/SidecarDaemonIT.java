package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app with the {@code k8s} profile, where the key-value server is a sidecar the platform runs
 * (lifecycle {@code none}): the app gates its readiness on it but never starts or stops it.
 */
class SidecarDaemonIT {

    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;
    private Process sidecar;

    @AfterEach
    void stopTheSidecar() throws Exception {
        if (sidecar != null) {
            sidecar.destroyForcibly();
            sidecar.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void appIsReadyOnlyWhileTheSidecarAnswersAndNeverStartsOrStopsIt() throws Exception {
        int kvPort = FreePorts.next();
        app = apps.start(directory, "--spring.profiles.active=k8s", "--app.kv.port=" + kvPort);

        assertThat(app.get("/actuator/health/readiness").statusCode()).as("not ready without its sidecar")
                .isEqualTo(503);
        assertThat(Daemons.readinessStatus(app, "kv")).isEqualTo("DOWN");
        assertThat(app.get("/kv/greeting").statusCode()).as("no start on use").isEqualTo(500);
        assertThat(app.post("/actuator/daemons/kv", "{\"action\":\"start\"}").statusCode()).isEqualTo(409);

        sidecar = startSidecar(kvPort);
        Await.until("the app is ready", READINESS_TIMEOUT,
                () -> app.get("/actuator/health/readiness").statusCode() == 200);
        assertThat(app.put("/kv/greeting", "Hello, sidecar").statusCode()).isEqualTo(204);
        assertThat(app.get("/kv/greeting").body()).isEqualTo("Hello, sidecar");

        app.stop();

        assertThat(sidecar.isAlive()).as("the platform's daemon is left running").isTrue();
    }

    /** Runs the key-value server as Kubernetes runs the sidecar: in the foreground, from its source file. */
    private Process startSidecar(int port) throws IOException {
        Path source = directory.resolve("sidecar").resolve("KeyValueServer.java");
        Files.createDirectories(source.getParent());
        try (InputStream bundled = getClass().getResourceAsStream("/daemons/KeyValueServer.java")) {
            assertThat(bundled).as("the key-value server's source on the classpath").isNotNull();
            Files.copy(bundled, source);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, source.toString(), "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(directory.resolve("sidecar.log").toFile()).start();
    }
}
