package io.daemoncontroller.boot.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code depends-on} with three real daemons, {@code app -> cache -> db}, declared in the wrong order. Each start
 * command refuses to start unless the daemon it depends on answers, and each start and stop command writes a line
 * to a shared file: the order shows there, whatever the timing.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonStartOrderIntegrationTests {

    @TempDir
    Path directory;

    @Test
    void startsEachDaemonOnceThoseItDependsOnAnswerAndStopsThemInReverse() throws IOException {
        TestDaemonProperties db = TestDaemonProperties.echo("db", directory);
        TestDaemonProperties cache = TestDaemonProperties.echo("cache", directory).set("depends-on", "db");
        TestDaemonProperties app = TestDaemonProperties.echo("app", directory).set("depends-on", "cache");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("daemon-controller.defaults.lifecycle", "start-and-stop");
        properties.putAll(recorded(app, cache));
        properties.putAll(recorded(cache, db));
        properties.putAll(recorded(db, null));

        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            assertThat(app.answers()).isTrue();
        }

        assertThat(Files.readAllLines(order())).containsExactly("start db", "start cache (db answers)",
                "start app (cache answers)", "stop app", "stop cache", "stop db");
        assertThat(app.livePid()).isEmpty();
        assertThat(db.livePid()).isEmpty();
    }

    /**
     * {@code daemon}'s properties, with a start command that first checks that {@code dependency} answers (and
     * fails if it does not) and records its start, and a stop command that records the stop.
     */
    private Map<String, Object> recorded(TestDaemonProperties daemon, TestDaemonProperties dependency) {
        String record = " >> " + shellQuote(order().toString()) + "; ";
        String check = dependency == null ? "echo 'start " + daemon.name() + "'" + record
                : "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + dependency.port() + "' || exit 1; echo 'start "
                        + daemon.name() + " (" + dependency.name() + " answers)'" + record;
        daemon.set("stop-command", "echo 'stop " + daemon.name() + "'" + record + "kill $(cat "
                + shellQuote(daemon.pidFile().toString()) + ")");
        Map<String, Object> properties = new LinkedHashMap<>(daemon.map());
        properties.put("daemon-controller.daemons." + daemon.name() + ".start-command", check + daemon.startCommand());
        return properties;
    }

    private Path order() {
        return directory.resolve("order");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DaemonControllerAutoConfiguration.class, DaemonLifecycleAutoConfiguration.class})
    static class Application {
    }
}
