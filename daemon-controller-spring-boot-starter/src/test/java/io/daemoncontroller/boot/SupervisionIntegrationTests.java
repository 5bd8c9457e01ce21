package io.daemoncontroller.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.jayway.jsonpath.JsonPath;
import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.test.Actuator;
import io.daemoncontroller.boot.test.RecordedStateChanges;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supervision in a running web application, with real daemons run by the controller ({@code daemonize-for-me}): a
 * daemon killed with {@code SIGKILL} comes back and every view follows (events, health, endpoint, metrics); one
 * stopped through the endpoint stays stopped; a crash loop fails health; the daemon's output reaches its logger.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class SupervisionIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Longer than the restart delay of the daemons that must not be restarted, jitter included. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    Path directory;

    @Test
    void aDaemonKilledWithSigkillComesBackAndEveryViewFollows() {
        TestDaemonProperties echo = supervised("on-failure").set("restart-delay", "1s");
        try (ConfigurableApplicationContext context = application(echo)) {
            Actuator actuator = Actuator.of(context);
            RecordedStateChanges changes = context.getBean(RecordedStateChanges.class);
            assertThat(actuator.healthOf("echo")).isEqualTo("UP");

            long killed = echo.kill9();
            List<String> health = healthUntilBackUp(actuator);

            changes.await("echo", DaemonState.RUNNING, 2, WAIT);
            assertThat(changes.transitions("echo")).containsExactly("STOPPED -> STARTING", "STARTING -> RUNNING",
                    "RUNNING -> BACKOFF", "BACKOFF -> STARTING", "STARTING -> RUNNING");
            assertThat(changes.of("echo").get(2).reason()).contains("terminated by signal SIGKILL", "restarting in");
            assertThat(health).as("health after the kill").contains("OUT_OF_SERVICE").endsWith("UP")
                    .isSubsetOf("UP", "DOWN", "OUT_OF_SERVICE");

            String shown = actuator.get("/actuator/daemons/echo").body();
            assertThat(JsonPath.<Integer>read(shown, "$.restarts")).isEqualTo(1);
            assertThat(JsonPath.<String>read(shown, "$.state")).isEqualTo("RUNNING");
            assertThat(JsonPath.<String>read(shown, "$.lastExit")).isEqualTo("terminated by signal SIGKILL");
            assertThat(JsonPath.<Number>read(shown, "$.pid").longValue()).isNotEqualTo(killed)
                    .isEqualTo(echo.livePid().orElseThrow());
            assertThat(echo.starts()).isEqualTo(2);

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("daemon.restarts").tags("daemon", "echo").counters()).singleElement()
                    .satisfies(counter -> {
                        assertThat(counter.getId().getTag("cause")).isEqualTo("signal");
                        assertThat(counter.count()).isEqualTo(1);
                    });
            assertThat(registry.get("daemon.start").tags("daemon", "echo", "trigger", "supervisor", "outcome",
                    "success").timer().count()).isEqualTo(1);
            assertThat(registry.get("daemon.up").tag("daemon", "echo").gauge().value()).isEqualTo(1);
        }
        assertThat(echo.livePid()).isEmpty();
    }

    @Test
    void aDaemonStoppedThroughTheEndpointStaysStopped() {
        TestDaemonProperties echo = supervised("always").set("restart-delay", "100ms");
        try (ConfigurableApplicationContext context = application(echo)) {
            Actuator actuator = Actuator.of(context);

            assertThat(JsonPath.<String>read(actuator.post("/actuator/daemons/echo", "stop").body(), "$.result"))
                    .isEqualTo("stopped");

            assertThat(Await.holdsThroughout(QUIET, () -> !echo.answers() && echo.starts() == 1))
                    .as("stays stopped").isTrue();
            assertThat(actuator.<String>read("/actuator/daemons/echo", "$.state")).isEqualTo("STOPPED");
            assertThat(actuator.healthOf("echo")).isEqualTo("DOWN");
            assertThat(context.getBean(MeterRegistry.class).get("daemon.up").tag("daemon", "echo").gauge().value())
                    .isZero();
        }
    }

    @Test
    void aDaemonStoppedThroughTheEndpointWhileItAwaitsItsRestartIsNotRestarted() {
        TestDaemonProperties echo = supervised("always").set("restart-delay", "1s");
        try (ConfigurableApplicationContext context = application(echo)) {
            RecordedStateChanges changes = context.getBean(RecordedStateChanges.class);
            echo.kill9();
            changes.await("echo", DaemonState.BACKOFF, 1, WAIT);

            assertThat(JsonPath.<String>read(Actuator.of(context).post("/actuator/daemons/echo", "stop").body(),
                    "$.result")).isEqualTo("stopped");

            assertThat(Await.holdsThroughout(QUIET, () -> echo.starts() == 1)).as("not restarted").isTrue();
            assertThat(changes.transitions("echo")).endsWith("RUNNING -> BACKOFF", "BACKOFF -> STOPPING",
                    "STOPPING -> STOPPED");
        }
    }

    @ParameterizedTest(name = "required: {0}")
    @ValueSource(booleans = {true, false})
    void aCrashLoopFailsHealthWithTheReasonWhetherTheDaemonIsRequiredOrNot(boolean required) {
        TestDaemonProperties echo = supervised("on-failure").set("max-restarts", "0")
                .set("required", Boolean.toString(required));
        try (ConfigurableApplicationContext context = application(echo)) {
            echo.kill9();
            context.getBean(RecordedStateChanges.class).await("echo", DaemonState.FAILED, 1, WAIT);

            String health = Actuator.of(context).get("/actuator/health/daemons/echo").body();
            assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("DOWN");
            assertThat(JsonPath.<String>read(health, "$.details.state")).isEqualTo("FAILED");
            assertThat(JsonPath.<String>read(health, "$.details.lastError"))
                    .startsWith("crash loop: 1 exits within 1m").contains("terminated by signal SIGKILL");
            assertThat(Await.holdsThroughout(QUIET, () -> echo.starts() == 1)).as("not restarted").isTrue();
        }
    }

    @Test
    void theDaemonsOutputGoesToItsLoggerWithItsNameAndPid() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger("daemon.echo");
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .lifecycle("start-and-stop").command(daemon -> daemon.stdoutMessage("hello from echo"));
        Map<String, Object> properties = new LinkedHashMap<>(echo.map());
        properties.put("daemon-controller.daemons.echo.start-command", "echo 'careful now' >&2; "
                + echo.startCommand());
        ApplicationListener<ApplicationPreparedEvent> capture = event -> {
            logger.addAppender(appender);
            logger.setLevel(Level.INFO);
        };
        try (ConfigurableApplicationContext context = application(properties, capture)) {
            String pid = Long.toString(echo.livePid().orElseThrow());
            ILoggingEvent stdout = awaitLine(appender, "hello from echo");
            ILoggingEvent stderr = awaitLine(appender, "careful now");
            assertThat(stdout.getLevel()).isEqualTo(Level.INFO);
            assertThat(stderr.getLevel()).isEqualTo(Level.WARN);
            assertThat(List.of(stdout, stderr)).allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                    .containsEntry("daemon", "echo").containsEntry("pid", pid));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(null);
        }
    }

    private TestDaemonProperties supervised(String restart) {
        return TestDaemonProperties.echo("echo", directory).foreground().lifecycle("start-and-stop")
                .set("restart", restart);
    }

    /** The health statuses of echo, each change once, from now until it is UP again after it was not. */
    private static List<String> healthUntilBackUp(Actuator actuator) {
        List<String> seen = new ArrayList<>();
        Await.until("echo to be healthy again", WAIT, () -> {
            String status = actuator.healthOf("echo");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                seen.add(status);
            }
            return status.equals("UP") && seen.size() > 1;
        });
        return seen;
    }

    private static ILoggingEvent awaitLine(ListAppender<ILoggingEvent> appender, String message) {
        return Await.value("\"" + message + "\" in the logger daemon.echo", WAIT, () -> {
            synchronized (appender) {
                return appender.list.stream().filter(event -> event.getFormattedMessage().equals(message))
                        .findFirst();
            }
        });
    }

    private static ConfigurableApplicationContext application(TestDaemonProperties daemon) {
        return application(daemon.map());
    }

    /** The application, with {@code listeners}, which may configure logging: Spring Boot has initialized it then. */
    private static ConfigurableApplicationContext application(Map<String, Object> properties,
            ApplicationListener<?>... listeners) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("management.endpoints.web.exposure.include", "health,daemons");
        all.put("management.endpoint.health.show-details", "always");
        all.put("management.endpoint.daemons.access", "unrestricted");
        return new SpringApplicationBuilder(WebApplication.class, Listeners.class).properties(all)
                .listeners(listeners).run();
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        RecordedStateChanges recordedStateChanges() {
            return new RecordedStateChanges();
        }
    }
}
