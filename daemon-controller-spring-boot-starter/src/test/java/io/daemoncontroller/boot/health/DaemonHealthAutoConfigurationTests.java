package io.daemoncontroller.boot.health;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.test.CountingServer;
import io.daemoncontroller.testsupport.Await;

import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonHealthAutoConfigurationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class,
                    DaemonHealthAutoConfiguration.class));

    @Test
    void reportsUpWhenTheDaemonAnswersItsPing() throws Exception {
        try (ServerSocket daemon = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            runner.withPropertyValues(watched("sidecar", daemon.getLocalPort()))
                    .withPropertyValues("daemon-controller.daemons.sidecar.tags=k8s")
                    .run(context -> {
                        Health health = health(context.getBean(CompositeHealthContributor.class), "sidecar");
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(health.getDetails()).containsEntry("lifecycle", "none")
                                .containsEntry("required", true)
                                .containsEntry("ping", "tcp://127.0.0.1:" + daemon.getLocalPort())
                                .containsKey("state");
                        assertThat(health.getDetails().get("tags")).asList().containsExactly("k8s");
                    });
        }
    }

    @Test
    void pingsOnceACheckAndNeverWhenTheStateIsRead() throws Exception {
        try (CountingServer daemon = new CountingServer()) {
            runner.withPropertyValues(watched("sidecar", daemon.port())).run(context -> {
                ManagedDaemon sidecar = context.getBean(Daemons.class).get("sidecar");
                assertThat(sidecar.state()).as("not pinged yet").isEqualTo(DaemonState.STOPPED);
                assertThat(daemon.connections()).isZero();
                Health health = health(context.getBean(CompositeHealthContributor.class), "sidecar");
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("state", DaemonState.RUNNING);
                Await.until("the ping is accepted", Duration.ofSeconds(5), () -> daemon.connections() >= 1);
                for (int read = 0; read < 3; read++) {
                    assertThat(sidecar.state()).as("as of the last ping").isEqualTo(DaemonState.RUNNING);
                }
                assertThat(Await.holdsThroughout(Duration.ofMillis(300), () -> daemon.connections() == 1))
                        .as("one ping, for the check; none for reading the state").isTrue();
            });
        }
    }

    @Test
    void reportsDownWhenARequiredDaemonDoesNotAnswer() {
        runner.withPropertyValues(watched("sidecar", 1)).run(context -> assertThat(
                health(context.getBean(CompositeHealthContributor.class), "sidecar").getStatus())
                .isEqualTo(Status.DOWN));
    }

    @Test
    void reportsUnknownForAnOnDemandDaemonThatWasNotStarted() {
        runner.withPropertyValues("daemon-controller.daemons.lazy.start-command=lazyd",
                "daemon-controller.daemons.lazy.ping=tcp://127.0.0.1:1",
                "daemon-controller.daemons.lazy.pid-file=" + directory.resolve("lazy.pid")).run(context -> {
                    Health health = health(context.getBean(CompositeHealthContributor.class), "lazy");
                    assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
                    assertThat(health.getDetails()).containsEntry("lifecycle", "on-demand")
                            .containsEntry("required", false)
                            .doesNotContainKey("pid");
                });
    }

    @Test
    void namesTheContributorDaemons() {
        runner.withPropertyValues(watched("sidecar", 1))
                .run(context -> assertThat(context).hasBean("daemonsHealthContributor"));
    }

    @Test
    void configuresNothingWhenDisabled() {
        runner.withPropertyValues(watched("sidecar", 1))
                .withPropertyValues("management.health.daemons.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("daemonsHealthContributor"));
    }

    @Test
    void reportsUpWithNoDaemonsWhenTheStarterIsOff() {
        runner.withPropertyValues(watched("sidecar", 1))
                .withPropertyValues("daemon-controller.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(CompositeHealthContributor.class);
                    Health health = context.getBean("daemonsHealthContributor", HealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("managed", false);
                });
    }

    @Test
    void configuresNothingWithoutSpringBootHealth() {
        runner.withPropertyValues(watched("sidecar", 1))
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("daemonsHealthContributor"));
    }

    private static Health health(CompositeHealthContributor daemons, String name) {
        return ((HealthIndicator) daemons.getContributor(name)).health();
    }

    private static String[] watched(String name, int port) {
        return new String[] {"daemon-controller.daemons." + name + ".lifecycle=none",
                "daemon-controller.daemons." + name + ".ping=tcp://127.0.0.1:" + port};
    }
}
