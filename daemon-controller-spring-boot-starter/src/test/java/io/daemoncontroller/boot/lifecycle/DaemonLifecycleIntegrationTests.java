package io.daemoncontroller.boot.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** Real daemons started and stopped with a real web application. */
@ExtendWith({NoLeftoverTestDaemons.class, OutputCaptureExtension.class})
class DaemonLifecycleIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @Test
    void startsDaemonsBeforeTheWebServerAndStopsOnlyStartAndStopOnesAtClose() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop")
                .command(daemon -> daemon.listenDelay(Duration.ofMillis(300)));
        TestDaemonProperties cache = TestDaemonProperties.echo("cache", directory).lifecycle("start-only");
        TestDaemonProperties lazy = TestDaemonProperties.echo("lazy", directory);
        AtomicReference<Boolean> searchAnsweredWhenWebServerStarted = new AtomicReference<>();
        try (ConfigurableApplicationContext context = application(search, cache, lazy)
                .listeners((ApplicationListener<WebServerInitializedEvent>) event ->
                        searchAnsweredWhenWebServerStarted.set(search.answers()))
                .run()) {
            assertThat(searchAnsweredWhenWebServerStarted).hasValue(true);
            assertThat(cache.answers()).isTrue();
            assertThat(lazy.starts()).isZero();
        }
        assertThat(search.answers()).isFalse();
        assertThat(search.livePid()).isEmpty();
        assertThat(cache.livePid()).isPresent();
        assertThat(search.starts()).isEqualTo(1);
        stop(cache);
    }

    @Test
    void leavesADaemonThatAlreadyRanRunning() throws Exception {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop");
        startOutsideTheApplication(search);
        long pid = search.livePid().orElseThrow();
        application(search).run().close();
        assertThat(search.livePid()).hasValue(pid);
        assertThat(search.starts()).isEqualTo(1);
        stop(search);
    }

    @Test
    void startsTheDaemonsDueAtStartupAtTheSameTime() {
        TestDaemonProperties first = TestDaemonProperties.echo("first", directory).lifecycle("start-and-stop")
                .set("start-timeout", "10s");
        TestDaemonProperties second = TestDaemonProperties.echo("second", directory).lifecycle("start-and-stop")
                .set("start-timeout", "10s");
        Map<String, Object> properties = properties(first, second);
        properties.put("daemon-controller.daemons.first.start-command", meeting(first, second) + first.startCommand());
        properties.put("daemon-controller.daemons.second.start-command",
                meeting(second, first) + second.startCommand());
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
                .properties(properties).run()) {
            assertThat(first.answers()).isTrue();
            assertThat(second.answers()).isTrue();
        }
    }

    @Test
    void failsStartupWithTheDaemonsEvidenceAndStopsWhatItStarted(CapturedOutput output) {
        TestDaemonProperties broken = TestDaemonProperties.echo("broken", directory).lifecycle("start-and-stop")
                .command(daemon -> daemon.logMessage("cannot open config/broken.conf").crashBeforeListen(3));
        TestDaemonProperties healthy = TestDaemonProperties.echo("healthy", directory).lifecycle("start-and-stop");
        assertThatException().isThrownBy(() -> application(broken, healthy).run().close());
        assertThat(output).contains("APPLICATION FAILED TO START",
                "Daemon 'broken' (lifecycle start-and-stop) failed to start",
                "cannot open config/broken.conf",
                "For daemon 'broken':",
                "daemon-controller.daemons.broken.start-command");
        assertThat(healthy.starts()).isEqualTo(1);
        assertThat(healthy.livePid()).isEmpty();
    }

    @Test
    void stopsTheDaemonsItStartedWhenTheWebServerFailsToStart() throws IOException {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatException().isThrownBy(() -> application(search)
                    .properties("server.port=" + taken.getLocalPort(), "server.address=127.0.0.1").run().close());
        }
        assertThat(search.starts()).isEqualTo(1);
        assertThat(search.livePid()).isEmpty();
    }

    private static SpringApplicationBuilder application(TestDaemonProperties... daemons) {
        return new SpringApplicationBuilder(WebApplication.class).properties(properties(daemons));
    }

    private static Map<String, Object> properties(TestDaemonProperties... daemons) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        for (TestDaemonProperties daemon : daemons) {
            properties.putAll(daemon.map());
        }
        return properties;
    }

    /**
     * A shell prefix that says {@code daemon}'s start began, then waits until {@code other}'s did: started one after
     * the other, the first start would time out.
     */
    private String meeting(TestDaemonProperties daemon, TestDaemonProperties other) {
        return "touch '" + began(daemon) + "'; until [ -f '" + began(other) + "' ]; do sleep 0.02; done; ";
    }

    private Path began(TestDaemonProperties daemon) {
        return directory.resolve(daemon.name() + ".began");
    }

    private static void startOutsideTheApplication(TestDaemonProperties daemon) throws Exception {
        new ProcessBuilder("/bin/sh", "-c", daemon.startCommand()).start().waitFor();
        Await.until(daemon.name() + " to answer", DEADLINE, daemon::answers);
    }

    private static void stop(TestDaemonProperties daemon) {
        long pid = daemon.livePid().orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        Await.until(daemon.name() + " to exit", DEADLINE, () -> daemon.livePid().isEmpty());
    }
}
