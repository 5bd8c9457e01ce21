package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.FreePorts;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged sample app with the {@code redis} profile, managing a real {@code redis-server} on a port it chose. */
class RedisDaemonIT {

    private static final Duration DAEMON_EXIT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;

    @BeforeAll
    static void requireRedisServer() {
        RedisServerRequirement.check();
    }


    @Test
    void redisStartsWithTheAppComesBackAfterAStopFromTheActuatorAndStopsWithTheApp() throws Exception {
        app = apps.start(directory, "--spring.profiles.active=redis", "--app.kv.port=" + FreePorts.next());

        long firstPid = Daemons.pid(app, "redis")
                .orElseThrow(() -> new AssertionError("Redis runs once the app is ready"));
        assertThat(OsProcesses.isRunning(firstPid)).isTrue();
        assertThat(Daemons.readinessStatus(app, "redis")).isEqualTo("UP");
        assertThat(app.put("/redis/greeting", "Hello, Redis").statusCode()).isEqualTo(204);
        assertThat(app.get("/redis/greeting").body()).isEqualTo("Hello, Redis");

        assertThat(app.post("/actuator/daemons/redis", "{\"action\":\"stop\"}").statusCode()).isEqualTo(200);
        OsProcesses.awaitGone(firstPid, DAEMON_EXIT_TIMEOUT);

        assertThat(app.get("/redis/greeting").body()).as("saved by Redis at its stop, loaded at its start")
                .isEqualTo("Hello, Redis");
        assertThat(Daemons.autostarts(app, "redis")).as("Redis restarted by the failed call").isEqualTo(1);
        long secondPid = Daemons.pid(app, "redis").orElseThrow(() -> new AssertionError("the call restarted Redis"));
        assertThat(secondPid).isNotEqualTo(firstPid);
        assertThat(OsProcesses.isRunning(secondPid)).isTrue();

        app.stop();

        OsProcesses.awaitGone(secondPid, DAEMON_EXIT_TIMEOUT);
    }
}
