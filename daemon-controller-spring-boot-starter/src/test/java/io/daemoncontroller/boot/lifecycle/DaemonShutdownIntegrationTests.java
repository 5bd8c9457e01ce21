package io.daemoncontroller.boot.lifecycle;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.devtools.restart.classloader.RestartClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** Daemons are stopped after the beans are destroyed, never by a devtools restart, within the phase timeout. */
@ExtendWith({NoLeftoverTestDaemons.class, OutputCaptureExtension.class})
class DaemonShutdownIntegrationTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    @Test
    void stopsAStartAndStopDaemonOnlyAfterTheBeansThatUseItAreDestroyed() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop");
        ConfigurableApplicationContext context = application(search).run();
        ClosingClient client = context.getBean(ClosingClient.class);
        context.close();
        assertThat(client.daemonAnsweredAtClose).isTrue();
        assertThat(search.livePid()).isEmpty();
    }

    @Test
    void aDevtoolsRestartNeitherStopsNorRestartsTheDaemonWhichStopsWhenTheJvmShutsDown() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop");
        RecordedShutdownHandlers jvmShutdown = new RecordedShutdownHandlers();
        application(search).runAsDevtools(jvmShutdown).close();
        long pid = search.livePid().orElseThrow();
        application(search).runAsDevtools(jvmShutdown).close();
        assertThat(search.livePid()).hasValue(pid);
        assertThat(search.starts()).isEqualTo(1);
        assertThat(jvmShutdown.handlers).as("a stop deferred by the context that started the daemon only")
                .hasSize(1);

        jvmShutdown.run();
        assertThat(search.livePid()).isEmpty();
    }

    @Test
    void theStopIsBoundedByTheShutdownPhaseTimeoutAndGoesOnInTheBackground(CapturedOutput output) {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop")
                .command(daemon -> daemon.ignoreTerm()).set("stop-timeout", "3s");
        application(search).property("spring.lifecycle.timeout-per-shutdown-phase", "200ms").run().close();
        assertThat(search.livePid()).as("the daemon, which ignores SIGTERM, right after the close").isPresent();
        assertThat(output).contains("Daemon 'search' did not stop within PT0.2S");
        Await.until("search to be killed", DEADLINE, () -> search.livePid().isEmpty());
    }

    private static TestApplication application(TestDaemonProperties daemon) {
        return new TestApplication(daemon);
    }

    /** Runs {@link ClientApplication} with one daemon, as {@code SpringApplication.run} or as devtools does. */
    private static final class TestApplication {

        private final SpringApplication application = new SpringApplication(ClientApplication.class);
        private final List<String> arguments = new ArrayList<>();

        TestApplication(TestDaemonProperties daemon) {
            application.setWebApplicationType(WebApplicationType.NONE);
            arguments.addAll(List.of(daemon.pairs()).stream().map(pair -> "--" + pair).toList());
            property("test.port", String.valueOf(daemon.port()));
        }

        TestApplication property(String name, String value) {
            arguments.add("--" + name + "=" + value);
            return this;
        }

        ConfigurableApplicationContext run() {
            return application.run(arguments.toArray(String[]::new));
        }

        /**
         * Runs the application in devtools' restart class loader, with a listener whose JVM shutdown handlers are
         * {@code jvmShutdown}.
         */
        ConfigurableApplicationContext runAsDevtools(SpringApplicationShutdownHandlers jvmShutdown) {
            application.setResourceLoader(new DefaultResourceLoader(
                    new RestartClassLoader(getClass().getClassLoader(), new URL[0])));
            application.setListeners(application.getListeners().stream()
                    .map(listener -> listener instanceof DaemonStartupListener
                            ? new DaemonStartupListener(jvmShutdown) : listener)
                    .toList());
            return run();
        }
    }

    /** Shutdown handlers run by the test, in the order the JVM's shutdown runs them. */
    private static final class RecordedShutdownHandlers implements SpringApplicationShutdownHandlers, Runnable {

        private final List<Runnable> handlers = new ArrayList<>();

        @Override
        public void add(Runnable action) {
            handlers.add(action);
        }

        @Override
        public void remove(Runnable action) {
            handlers.remove(action);
        }

        @Override
        public void run() {
            handlers.forEach(Runnable::run);
        }
    }

    /** An application with a bean that connects to the daemon on {@code test.port} when it is destroyed. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ClientApplication {

        @Bean
        ClosingClient closingClient(Environment environment) {
            return new ClosingClient(environment.getRequiredProperty("test.port", Integer.class));
        }
    }

    /** A client that talks to its daemon when it is closed, as a connection pool that closes its connections. */
    static class ClosingClient implements AutoCloseable {

        private final int port;
        volatile boolean daemonAnsweredAtClose;

        ClosingClient(int port) {
            this.port = port;
        }

        @Override
        public void close() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                daemonAnsweredAtClose = true;
            } catch (IOException ex) {
                daemonAnsweredAtClose = false;
            }
        }
    }
}
