package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.FreePorts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app with its bundled key-value server, under each lifecycle that starts it: who starts the
 * server, what the actuator reports, and whether the server outlives the app.
 */
class BundledDaemonIT {

    private static final Duration DAEMON_EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;


    @Test
    void onDemandDaemonIsStartedByTheFirstRequestAndOutlivesTheApp() throws Exception {
        app = apps.start(directory, "--app.kv.port=" + FreePorts.next());

        assertThat(Daemons.pid(app, "kv")).as("kv before any request").isEmpty();
        assertThat(Daemons.readinessStatus(app, "kv")).isEqualTo("UNKNOWN");

        assertThat(app.put("/kv/greeting", "Hello, daemons").statusCode()).isEqualTo(204);
        assertThat(app.get("/kv/greeting").body()).isEqualTo("Hello, daemons");

        long pid = Daemons.pid(app, "kv").orElseThrow();
        assertThat(OsProcesses.isRunning(pid)).isTrue();
        assertThat(Files.readString(directory.resolve("kv.pid")).trim()).isEqualTo(Long.toString(pid));
        assertThat(Daemons.readinessStatus(app, "kv")).isEqualTo("UP");
        assertThat(Daemons.autostarts(app, "kv")).isEqualTo(1);

        app.stop();

        assertThat(OsProcesses.isRunning(pid)).as("an on-demand daemon is left running").isTrue();
    }

    @Test
    void startAndStopDaemonRunsExactlyAsLongAsTheApp() throws Exception {
        app = apps.start(directory, "--app.kv.port=" + FreePorts.next(),
                "--daemon-controller.daemons.kv.lifecycle=start-and-stop");

        long pid = Daemons.pid(app, "kv").orElseThrow(() -> new AssertionError("kv runs once the app is ready"));
        assertThat(OsProcesses.isRunning(pid)).isTrue();
        assertThat(Daemons.readinessStatus(app, "kv")).isEqualTo("UP");
        assertThat(app.get("/kv/nothing-here").statusCode()).isEqualTo(404);

        app.stop();

        OsProcesses.awaitGone(pid, DAEMON_EXIT_TIMEOUT);
    }

    @Test
    void startOnlyDaemonIsStartedWithTheAppAndOutlivesIt() throws Exception {
        app = apps.start(directory, "--app.kv.port=" + FreePorts.next(),
                "--daemon-controller.daemons.kv.lifecycle=start-only");

        long pid = Daemons.pid(app, "kv").orElseThrow(() -> new AssertionError("kv runs once the app is ready"));

        app.stop();

        assertThat(OsProcesses.isRunning(pid)).as("a start-only daemon is left running").isTrue();
    }
}
