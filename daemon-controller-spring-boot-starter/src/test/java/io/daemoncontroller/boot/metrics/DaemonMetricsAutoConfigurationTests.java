package io.daemoncontroller.boot.metrics;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonMetricsAutoConfigurationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class,
                    DaemonMetricsAutoConfiguration.class));

    @Test
    void gaugesWhetherEachDaemonIsUp() throws Exception {
        try (ServerSocket sidecar = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            runner.withBean(SimpleMeterRegistry.class)
                    .withPropertyValues("daemon-controller.daemons.sidecar.lifecycle=none",
                            "daemon-controller.daemons.sidecar.ping=tcp://127.0.0.1:" + sidecar.getLocalPort())
                    .withPropertyValues(broken())
                    .run(context -> {
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        assertThat(registry.get("daemon.up").tag("daemon", "sidecar").gauge().value())
                                .as("a scrape pings nothing: not pinged yet").isZero();
                        context.getBean(Daemons.class).get("sidecar").answersPing();
                        assertThat(registry.get("daemon.up").tag("daemon", "sidecar").gauge().value())
                                .as("as of the last ping").isEqualTo(1);
                        assertThat(registry.get("daemon.up").tag("daemon", "broken").gauge().value()).isZero();
                    });
        }
    }

    @Test
    void registersTheAutostartCounterUpFrontSoThatItAnswersBeforeTheFirstAutostart() {
        runner.withBean(SimpleMeterRegistry.class).withPropertyValues(broken()).run(context -> {
            assertThat(context.getBean(MeterRegistry.class).get("daemon.autostarts").tag("daemon", "broken")
                    .counter().count()).isZero();
            assertThat(context.getBean(MeterRegistry.class).find("daemon.start").timer())
                    .as("timers come from observations, not from here").isNull();
        });
    }

    @Test
    void needsAMeterRegistry() {
        runner.withPropertyValues(broken()).run(context -> assertThat(context).doesNotHaveBean(DaemonMeters.class));
    }

    @Test
    void needsMicrometer() {
        runner.withPropertyValues(broken()).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonMeters.class));
    }

    private String[] broken() {
        return new String[] {"daemon-controller.daemons.broken.start-command=echo cannot start >&2; exit 2",
                "daemon-controller.daemons.broken.ping=tcp://127.0.0.1:1",
                "daemon-controller.daemons.broken.pid-file=" + directory.resolve("broken.pid")};
    }
}
