package io.daemoncontroller.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import com.jayway.jsonpath.JsonPath;
import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStateChange.Cause;
import io.daemoncontroller.boot.autoconfigure.InvalidDaemonPropertyException;
import io.daemoncontroller.boot.test.Actuator;
import io.daemoncontroller.boot.test.RecordedStateChanges;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The liveness keys in a running web application, with a real daemon made to hang with {@code SIGSTOP} (its port
 * still accepts connections, but nothing echoes): health DOWN with the reason, the event, the
 * {@code daemon.liveness.failures} counter, and UP again after {@code SIGCONT} under {@code never}; killed and
 * started again under {@code on-failure} (with the interval, timeout and threshold under {@code defaults}), the
 * restart counted with cause {@code unresponsive}; a failure threshold below 1 fails the startup, naming the key.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class LivenessIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private long hung = -1;

    @AfterEach
    void continueTheHungDaemon() {
        if (hung > 0 && TestProcesses.isAlive(hung)) {
            TestProcesses.signal("CONT", hung);
        }
    }

    @Test
    void aHungDaemonIsDownWithTheReasonCountedAndUpAgainOnceItAnswers() {
        TestDaemonProperties echo = checked("never");
        try (ConfigurableApplicationContext context = application(echo)) {
            Actuator actuator = Actuator.of(context);
            RecordedStateChanges changes = context.getBean(RecordedStateChanges.class);
            assertThat(actuator.healthOf("echo")).isEqualTo("UP");

            hung = echo.livePid().orElseThrow();
            TestProcesses.signal("STOP", hung);

            Await.until("health DOWN", WAIT, () -> "DOWN".equals(actuator.healthOf("echo")));
            String health = actuator.get("/actuator/health/daemons/echo").body();
            assertThat(JsonPath.<String>read(health, "$.details.reason"))
                    .startsWith("unresponsive: ").endsWith(" liveness checks in a row failed");
            assertThat(JsonPath.<Boolean>read(health, "$.details.unresponsive")).isTrue();
            assertThat(JsonPath.<String>read(health, "$.details.state")).isEqualTo("RUNNING");
            DaemonStateChangedEvent unresponsive = changes.of("echo").stream()
                    .filter(event -> event.change().cause() == Cause.UNRESPONSIVE).findFirst().orElseThrow();
            assertThat(unresponsive.change().status().unresponsive()).isTrue();
            assertThat(unresponsive.change().status().livenessFailures()).isEqualTo(2);
            assertThat(context.getBean(MeterRegistry.class).get("daemon.liveness.failures").tag("daemon", "echo")
                    .counter().count()).isEqualTo(1);

            TestProcesses.signal("CONT", hung);
            Await.until("health UP again", WAIT, () -> "UP".equals(actuator.healthOf("echo")));
            assertThat(changes.of("echo").stream().map(event -> event.change().cause()))
                    .contains(Cause.RESPONSIVE_AGAIN);
            assertThat(echo.starts()).isEqualTo(1);
        }
    }

    @Test
    void aHungDaemonUnderOnFailureIsKilledRestartedAndCountedAsUnresponsive() {
        TestDaemonProperties echo = checked("on-failure").set("stop-timeout", "500ms").set("restart-delay", "100ms");
        Map<String, Object> properties = new LinkedHashMap<>(echo.map());
        for (String key : new String[] {"liveness.interval", "liveness.timeout", "liveness.failure-threshold"}) {
            properties.put("daemon-controller.defaults." + key,
                    properties.remove("daemon-controller.daemons.echo." + key));
        }
        try (ConfigurableApplicationContext context = application(properties)) {
            RecordedStateChanges changes = context.getBean(RecordedStateChanges.class);
            hung = echo.livePid().orElseThrow();
            TestProcesses.signal("STOP", hung);

            changes.await("echo", DaemonState.RUNNING, 3, WAIT);
            assertThat(changes.transitions("echo")).containsExactly("STOPPED -> STARTING", "STARTING -> RUNNING",
                    "RUNNING -> RUNNING", "RUNNING -> STOPPING", "STOPPING -> BACKOFF", "BACKOFF -> STARTING",
                    "STARTING -> RUNNING");
            assertThat(TestProcesses.isAlive(hung)).as("the hung daemon, killed with SIGKILL").isFalse();
            assertThat(echo.livePid()).isPresent().isNotEqualTo(OptionalLong.of(hung));
            assertThat(echo.answers()).isTrue();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("daemon.restarts").tags("daemon", "echo", "cause", "unresponsive").counter()
                    .count()).isEqualTo(1);
            assertThat(registry.get("daemon.liveness.failures").tag("daemon", "echo").counter().count())
                    .isEqualTo(1);
            Await.until("health UP", WAIT, () -> "UP".equals(Actuator.of(context).healthOf("echo")));
        }
    }

    @Test
    void aFailureThresholdBelowOneFailsTheStartupNamingTheKey() {
        TestDaemonProperties echo = checked("never").set("liveness.failure-threshold", "0");
        Throwable failure = catchThrowable(() -> application(echo).close());
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOfSatisfying(InvalidDaemonPropertyException.class, invalid -> {
                    assertThat(invalid.property())
                            .isEqualTo("daemon-controller.daemons.echo.liveness.failure-threshold");
                    assertThat(invalid.problem()).isEqualTo("must be 1 or more");
                    assertThat(invalid.accepted()).contains("remove liveness.interval");
                });
        assertThat(echo.livePid()).isEmpty();
    }

    private TestDaemonProperties checked(String restart) {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .lifecycle("start-and-stop").set("restart", restart);
        return echo.set("liveness.interval", "100ms").set("liveness.timeout", "300ms")
                .set("liveness.failure-threshold", "2")
                .set("liveness.ping", "exec:bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + echo.port()
                        + "; echo ping >&3; read -t 1 line <&3; [ \"$line\" = ping ]'");
    }

    private static ConfigurableApplicationContext application(TestDaemonProperties daemon) {
        return application(daemon.map());
    }

    private static ConfigurableApplicationContext application(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("management.endpoints.web.exposure.include", "health,daemons");
        all.put("management.endpoint.health.show-details", "always");
        return new SpringApplicationBuilder(WebApplication.class, Listeners.class).properties(all).run();
    }

    static class Listeners {

        @Bean
        RecordedStateChanges recordedStateChanges() {
            return new RecordedStateChanges();
        }
    }
}
