package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.FreePorts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar, AOT-processed at build time ({@code spring-boot:process-aot}, as for a native image), run with
 * {@code -Dspring.aot.enabled=true}: the daemons' lifecycle, {@code @DaemonDependency}, health, the endpoint and
 * metrics work from the generated bean definitions.
 */
class AotIT {

    private static final Duration DAEMON_EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;


    @Test
    void theAotProcessedAppStartsUsesAndStopsItsDaemons() throws Exception {
        app = apps.start(directory, List.of("-Dspring.aot.enabled=true"), "--app.kv.port=" + FreePorts.next(),
                "--daemon-controller.daemons.kv.lifecycle=start-and-stop");
        assertThat(app.log()).contains("Starting AOT-processed SampleApplication");

        long started = Daemons.pid(app, "kv").orElseThrow(() -> new AssertionError("kv runs once the app is ready"));
        assertThat(OsProcesses.isRunning(started)).isTrue();
        assertThat(Daemons.readinessStatus(app, "kv")).isEqualTo("UP");

        assertThat(app.post("/actuator/daemons/kv", "{\"action\":\"stop\"}").statusCode()).isEqualTo(200);
        OsProcesses.awaitGone(started, DAEMON_EXIT_TIMEOUT);
        assertThat(app.put("/kv/greeting", "Hello, AOT").statusCode()).as("a call that starts kv again")
                .isEqualTo(204);
        assertThat(app.get("/kv/greeting").body()).isEqualTo("Hello, AOT");
        assertThat(Daemons.autostarts(app, "kv")).isEqualTo(1);
        long restarted = Daemons.pid(app, "kv").orElseThrow();

        app.stop();

        OsProcesses.awaitGone(restarted, DAEMON_EXIT_TIMEOUT);
    }
}
