package io.daemoncontroller.boot.observation;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.daemoncontroller.StartException;
import io.daemoncontroller.boot.DaemonDependency;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.dependency.DaemonDependencyAutoConfiguration;
import io.daemoncontroller.boot.metrics.DaemonMetricsAutoConfiguration;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ConfigurableApplicationContext;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The daemons' observations in a real Spring context with Spring Boot's observation and metrics auto-configuration
 * (so timers come from its {@code DefaultMeterObservationHandler}), a real {@link SimpleMeterRegistry}, a
 * {@link TestObservationRegistry} to look at the observations, and real daemons.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonObservationIntegrationTests {

    @TempDir
    Path directory;

    @Test
    void observesAStartAndAStopAsTimersAndSpansWithTheDocumentedKeys() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory);
        run(echo, context -> {
            ManagedDaemon daemon = context.getBean(Daemons.class).get("echo");
            daemon.start(Trigger.APPLICATION);
            long pid = echo.livePid().orElseThrow();
            daemon.stop(Trigger.APPLICATION);

            TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
            assertThat(observations).hasObservationWithNameEqualTo("daemon.start").that()
                    .hasContextualNameEqualTo("daemon start echo")
                    .hasLowCardinalityKeyValue("daemon", "echo")
                    .hasLowCardinalityKeyValue("trigger", "application")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasLowCardinalityKeyValue("error", "none")
                    .hasHighCardinalityKeyValue("pid", Long.toString(pid))
                    .hasHighCardinalityKeyValue("command", echo.startCommand())
                    .doesNotHaveParentObservation()
                    .hasBeenStopped();
            assertThat(observations).hasObservationWithNameEqualTo("daemon.stop").that()
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("pid", Long.toString(pid));

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("daemon.start").tags("daemon", "echo", "trigger", "application", "outcome",
                    "success", "error", "none").timer().count()).isEqualTo(1);
            assertThat(meters.get("daemon.stop").tags("daemon", "echo", "trigger", "application", "outcome",
                    "success", "error", "none").timer().count()).isEqualTo(1);
            assertThat(meters.get("daemon.start.active").tags("daemon", "echo", "outcome", "unknown")
                    .longTaskTimer().activeTasks()).isZero();
            assertThat(meters.find("daemon.start").tagKeys("pid").timer()).as("no pid tag").isNull();
        });
    }

    @Test
    void observesAFailedStartWithItsError() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory);
        run(echo, context -> {
            assertThatExceptionOfType(StartException.class).isThrownBy(() ->
                    context.getBean(Daemons.class).get("echo").start(Trigger.ENDPOINT));
            assertThat(context.getBean(TestObservationRegistry.class)).hasObservationWithNameEqualTo("daemon.start")
                    .that().hasLowCardinalityKeyValue("outcome", "failure")
                    .hasLowCardinalityKeyValue("error", "StartException")
                    .doesNotHaveHighCardinalityKeyValueWithKey("pid")
                    .assertThatError().isInstanceOf(StartException.class);
            assertThat(context.getBean(MeterRegistry.class).get("daemon.start").tags("daemon", "echo", "trigger",
                    "endpoint", "outcome", "failure", "error", "StartException").timer().count()).isEqualTo(1);
        }, "daemon-controller.daemons.echo.start-command=echo cannot start >&2; exit 2");
    }

    @Test
    void anAutoStartInsideATracedRequestIsAChildOfTheRequestsObservation() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory);
        run(echo, context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            Observation request = Observation.start("http.server.requests", registry);
            try (Observation.Scope scope = request.openScope()) {
                context.getBean(EchoClient.class).connect();
            } finally {
                request.stop();
            }
            assertThat(echo.starts()).isEqualTo(1);
            assertThat(context.getBean(TestObservationRegistry.class)).hasObservationWithNameEqualTo("daemon.start")
                    .that().hasLowCardinalityKeyValue("trigger", "connect-failure")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasParentObservationEqualTo(request);
        });
    }

    @Test
    void observesARestartByTheSupervisorWhereItHappensAndCountsItWithItsCause() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .set("restart", "on-failure").set("restart-delay", "100ms");
        run(echo, context -> {
            context.getBean(Daemons.class).get("echo").start(Trigger.APPLICATION);
            long killed = echo.kill9();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Await.until("the supervisor's restart is timed", Duration.ofSeconds(20), () -> meters.find("daemon.start")
                    .tags("daemon", "echo", "trigger", "supervisor", "outcome", "success", "error", "none")
                    .timer() != null);
            long restarted = echo.livePid().orElseThrow();
            assertThat(restarted).isNotEqualTo(killed);
            assertThat(meters.get("daemon.restarts").tags("daemon", "echo", "cause", "signal").counter().count())
                    .isEqualTo(1);
            assertThat(context.getBean(TestObservationRegistry.class)).hasAnObservation(observation -> observation
                    .hasNameEqualTo("daemon.start")
                    .hasLowCardinalityKeyValue("trigger", "supervisor")
                    .hasLowCardinalityKeyValue("outcome", "success")
                    .hasHighCardinalityKeyValue("pid", Long.toString(restarted))
                    .doesNotHaveParentObservation());
        });
    }

    @Test
    void observesAFailedRestartByTheSupervisorWithItsErrorAndCountsTheNextOneAsStartFailed() throws Exception {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .set("restart", "on-failure").set("restart-delay", "50ms").set("max-restart-delay", "50ms")
                .set("max-restarts", "100");
        Path broken = directory.resolve("broken");
        run(echo, context -> {
            context.getBean(Daemons.class).get("echo").start(Trigger.APPLICATION);
            Files.createFile(broken);
            echo.kill9();
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            try {
                Await.until("a failed restart is timed, and the next counted", Duration.ofSeconds(20), () -> {
                    Timer failed = meters.find("daemon.start").tags("daemon", "echo", "trigger", "supervisor",
                            "outcome", "failure", "error", "SupervisorRestartFailedException").timer();
                    return failed != null && failed.count() >= 1
                            && meters.find("daemon.restarts").tags("cause", "start-failed").counter() != null;
                });
            } catch (AssertionError ex) {
                throw new AssertionError(ex.getMessage() + "; the daemon's status: "
                        + context.getBean(Daemons.class).get("echo").status() + "; the meters: " + daemonMeters(meters));
            }
            assertThat(meters.get("daemon.restarts").tags("daemon", "echo", "cause", "signal").counter().count())
                    .isEqualTo(1);
            assertThat(meters.get("daemon.restarts").tags("daemon", "echo", "cause", "start-failed").counter()
                    .count()).isPositive();
            assertThat(meters.find("daemon.start").tags("trigger", "supervisor", "outcome", "success").timer())
                    .as("no restart succeeded").isNull();
            assertThat(context.getBean(TestObservationRegistry.class)).hasAnObservation(observation -> observation
                    .hasLowCardinalityKeyValue("trigger", "supervisor")
                    .assertThatError().isInstanceOf(SupervisorRestartFailedException.class)
                    .hasMessageContaining("The supervisor of daemon 'echo' failed to restart it"));
        }, "daemon-controller.daemons.echo.start-command=[ -e " + broken + " ] && exit 3; " + echo.startCommand());
    }

    @Test
    void aStartAtStartupBeforeTheRegistryExistsIsTimedAllTheSame() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
                .web(WebApplicationType.NONE).properties(search.map()).run()) {
            assertThat(search.starts()).isEqualTo(1);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Await.until("the start at startup is timed", Duration.ofSeconds(10), () -> meters.find("daemon.start")
                    .tags("daemon", "search", "trigger", "startup", "outcome", "success", "error", "none")
                    .timer() != null);
            assertThat(meters.get("daemon.start").tag("daemon", "search").timer().count()).isEqualTo(1);
        }
        assertThat(search.livePid()).isEmpty();
    }

    @Test
    void theApplicationsConventionReplacesTheDefault() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory);
        new ApplicationContextRunnerFor(echo).runner()
                .withBean(DaemonObservationConvention.class, () -> new DefaultDaemonObservationConvention() {
                    @Override
                    public KeyValues getLowCardinalityKeyValues(DaemonObservationContext context) {
                        return super.getLowCardinalityKeyValues(context).and("team", "search");
                    }
                })
                .run(context -> stoppingAll(context, () -> {
                    context.getBean(Daemons.class).get("echo").start(Trigger.APPLICATION);
                    assertThat(context.getBean(TestObservationRegistry.class))
                            .hasObservationWithNameEqualTo("daemon.start").that()
                            .hasLowCardinalityKeyValue("team", "search")
                            .hasLowCardinalityKeyValue("daemon", "echo");
                    assertThat(context.getBean(MeterRegistry.class).get("daemon.start").tag("team", "search")
                            .timer().count()).isEqualTo(1);
                }));
    }

    private static List<String> daemonMeters(MeterRegistry meters) {
        return meters.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("daemon."))
                .map(meter -> meter.getId() + "=" + meter.measure()).toList();
    }

    private void run(TestDaemonProperties daemon, ContextConsumer<AssertableApplicationContext> test,
            String... more) {
        new ApplicationContextRunnerFor(daemon).runner().withPropertyValues(more)
                .run(context -> stoppingAll(context, () -> test.accept(context)));
    }

    private static void stoppingAll(AssertableApplicationContext context, ThrowingRunnable test) throws Throwable {
        try {
            test.run();
        } finally {
            context.getBean(Daemons.class).all().forEach(daemon -> daemon.stop(Trigger.APPLICATION));
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Throwable;
    }

    /** The application: Boot's observation and metrics auto-configuration, the starter's, and a client of echo. */
    private record ApplicationContextRunnerFor(TestDaemonProperties daemon) {

        ApplicationContextRunner runner() {
            return new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                            MetricsAutoConfiguration.class, DaemonControllerAutoConfiguration.class,
                            DaemonDependencyAutoConfiguration.class, DaemonMetricsAutoConfiguration.class,
                            DaemonObservationAutoConfiguration.class))
                    .withBean(SimpleMeterRegistry.class)
                    .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
                    .withBean(EchoClient.class, () -> new EchoClient(daemon.port()))
                    .withPropertyValues(daemon.pairs());
        }
    }

    @DaemonDependency("echo")
    static class EchoClient {

        private final int port;

        EchoClient(int port) {
            this.port = port;
        }

        void connect() throws IOException {
            new Socket("127.0.0.1", port).close();
        }
    }
}
