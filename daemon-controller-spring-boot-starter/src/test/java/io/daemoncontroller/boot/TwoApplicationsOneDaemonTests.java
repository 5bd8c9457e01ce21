package io.daemoncontroller.boot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.lifecycle.DaemonLifecycleAutoConfiguration;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two applications supervising one daemon (same PID and lock file), as two instances on one host do: after a crash,
 * one of them restarts it and the other takes the new process as the daemon, so one process runs.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class TwoApplicationsOneDaemonTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Longer than the restart delay, jitter included, and a test daemon's JVM start. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    @TempDir
    Path directory;

    @Test
    void runOneProcessAfterACrash() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .lifecycle("start-and-stop").set("restart", "on-failure").set("restart-delay", "200ms");
        List<ConfigurableApplicationContext> applications = new ArrayList<>();
        try {
            applications.add(application(echo));
            applications.add(application(echo));
            assertThat(echo.starts()).isEqualTo(1);

            long killed = echo.kill9();

            long restarted = Await.value("echo to be back", WAIT, () -> echo.livePid().stream().boxed()
                    .filter(pid -> pid != killed && echo.answers()).findFirst());
            Await.until("both applications to take the new process as echo", WAIT, () -> applications.stream()
                    .allMatch(application -> echoIn(application).status().state() == DaemonState.RUNNING
                            && echoIn(application).status().pid().equals(OptionalLong.of(restarted))));
            assertThat(Await.holdsThroughout(QUIET, () -> echo.starts() == 2)).as("started once more").isTrue();
            assertThat(TestProcesses.markedAlive()).as("test daemons running").singleElement()
                    .satisfies(daemon -> assertThat(daemon.pid()).isEqualTo(restarted));
        } finally {
            // Each controller supervises until it stops the daemon itself: stop through each before closing.
            applications.forEach(application -> echoIn(application).controller().stop());
            applications.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static ManagedDaemon echoIn(ConfigurableApplicationContext application) {
        return application.getBean(Daemons.class).get("echo");
    }

    private static ConfigurableApplicationContext application(TestDaemonProperties daemon) {
        return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                .properties(daemon.map()).run();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DaemonControllerAutoConfiguration.class, DaemonLifecycleAutoConfiguration.class})
    static class Application {
    }
}
