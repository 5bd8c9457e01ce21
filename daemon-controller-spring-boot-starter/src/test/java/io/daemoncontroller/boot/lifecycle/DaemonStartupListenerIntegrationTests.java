package io.daemoncontroller.boot.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.daemoncontroller.DaemonController;

import io.daemoncontroller.boot.test.RecordedReads;
import io.daemoncontroller.boot.test.RecordedStateChanges;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Daemons described in properties start before the application's beans are created. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonStartupListenerIntegrationTests {

    @TempDir
    Path directory;

    @Test
    void aBeanThatConnectsInItsConstructorFindsItsStartAndStopDaemonUp() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop")
                .command(daemon -> daemon.listenDelay(Duration.ofMillis(500)));
        try (ConfigurableApplicationContext context = application(search).run()) {
            assertThat(context.getBean(EagerClient.class).connected).isTrue();
            assertThat(search.starts()).isEqualTo(1);
        }
        assertThat(search.livePid()).isEmpty();
    }

    @Test
    void theStateChangesOfTheEarlyStartReachTheApplicationsEventListeners() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop");
        try (ConfigurableApplicationContext context = application(search).run()) {
            assertThat(context.getBean(RecordedStateChanges.class).transitions("search"))
                    .containsExactly("STOPPED -> STARTING", "STARTING -> RUNNING");
        }
    }

    @Test
    void bindsTheDaemonsInAThreadOfTheirOwnAsSoonAsTheEnvironmentIsPrepared() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("on-demand");
        RecordedReads application = new RecordedReads(search.map());
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(application);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE).environment(environment).properties("unrelated=default");
        try (ConfigurableApplicationContext context = builder.run()) {
            assertThat(context.getBean("searchDaemonController", DaemonController.class).pidFile())
                    .isEqualTo(search.pidFile());
        }
        assertThat(application.readersOf("daemon-controller.daemons.search.start-command")).filteredOn(reader -> reader.startsWith("daemon-controller-"))
                .containsExactly("daemon-controller-binding-1");
    }

    @Test
    void bindsTheDaemonsAgainWhenAPropertySourceIsAddedBeforeTheApplicationIsPrepared() {
        TestDaemonProperties search = TestDaemonProperties.echo("search", directory).lifecycle("on-demand");
        Path added = directory.resolve("added.pid");
        SpringApplicationBuilder application = new SpringApplicationBuilder(PlainApplication.class)
                .web(WebApplicationType.NONE).properties(search.map())
                .initializers(context -> context.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("added by an initializer", Map.of(pidFileKey(search.name()),
                                added.toString()))));
        try (ConfigurableApplicationContext context = application.run()) {
            assertThat(context.getBean("searchDaemonController", DaemonController.class).pidFile())
                    .isEqualTo(added);
        }
    }

    private static String pidFileKey(String daemon) {
        return "daemon-controller.daemons." + daemon + ".pid-file";
    }

    private static SpringApplicationBuilder application(TestDaemonProperties... daemons) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(EagerApplication.class)
                .web(WebApplicationType.NONE);
        for (TestDaemonProperties daemon : daemons) {
            builder.properties(daemon.map()).properties("test.port=" + daemon.port());
        }
        return builder;
    }

    /** An application with a bean that connects to the daemon on {@code test.port} when it is created. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class EagerApplication {

        @Bean
        EagerClient eagerClient(Environment environment) {
            return new EagerClient(environment.getRequiredProperty("test.port", Integer.class));
        }

        @Bean
        RecordedStateChanges recordedStateChanges() {
            return new RecordedStateChanges();
        }
    }

    /** An application with no bean of its own. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class PlainApplication {
    }

    /** A client that connects in its constructor, as a connection pool that fills itself does. */
    static class EagerClient {

        final boolean connected;

        EagerClient(int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                connected = socket.isConnected();
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot connect to the daemon on port " + port, ex);
            }
        }
    }
}
