package io.daemoncontroller.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The core controllers' threads come from the starter's one source of threads, which honours virtual threads. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonControllerThreadsTests {

    @TempDir
    Path directory;

    @Test
    void aDaemonsOutputRelayAndSupervisorRunOnTheStartersThreads() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .lifecycle("start-and-stop").set("restart", "on-failure");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
                .properties(echo.map()).properties("server.port=0").run()) {
            List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();

            assertThat(names).anyMatch(name -> name.startsWith("daemon-controller-daemon-"));
            assertThat(names).noneMatch(name -> name.startsWith("daemon-controller-stdout-")
                    || name.startsWith("daemon-controller-supervisor-"));
        }
    }
}
