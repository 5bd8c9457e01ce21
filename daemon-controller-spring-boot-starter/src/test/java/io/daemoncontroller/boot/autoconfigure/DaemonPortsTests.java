package io.daemoncontroller.boot.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.test.RecordedReads;
import io.daemoncontroller.testsupport.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A daemon's port: published as daemon-controller.daemons.<name>.port (auto ports chosen and recorded beside the PID
 * file), the default ping, and the bad values, each reported with its line.
 */
@ExtendWith(OutputCaptureExtension.class)
class DaemonPortsTests {

    @TempDir
    Path directory;

    @Test
    void anAutoPortIsPublishedRecordedBesideThePidFileAndPingedByDefault(CapturedOutput output) throws IOException {
        try (ConfigurableApplicationContext context = run("""
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %s/redis.pid
                """)) {
            int port = context.getEnvironment().getRequiredProperty("daemon-controller.daemons.redis.port",
                    Integer.class);
            DaemonController redis = context.getBean("redisDaemonController", DaemonController.class);
            assertThat(Files.readString(directory.resolve("redis.pid.port"))).isEqualTo(port + "\n");
            assertThat(redis.startCommand()).isEqualTo("redis-server --port " + port);
            assertThat(redis.ping()).hasToString("tcp://localhost:" + port);
            assertThat(redis.port()).hasValue(port);
            assertThat(output).contains("Daemon 'redis': port " + port + " for auto (URL [file:" + directory
                    + "/application.yml] - 4:13), chosen as free, and recorded in " + directory + "/redis.pid.port");
        }
    }

    @Test
    void aRecordedPortThatIsFreeIsChosenAgainByTheNextRun() {
        String yaml = """
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %s/redis.pid
                """;
        int first;
        try (ConfigurableApplicationContext context = run(yaml)) {
            first = context.getBean("redisDaemonController", DaemonController.class).port().getAsInt();
        }
        try (ConfigurableApplicationContext context = run(yaml)) {
            assertThat(context.getBean("redisDaemonController", DaemonController.class).port()).hasValue(first);
        }
    }

    @Test
    void aPortNumberUnderDefaultsIsPublishedForEachDaemonWithItsOwnPingUnchanged() {
        try (ConfigurableApplicationContext context = run("""
                daemon-controller:
                  defaults:
                    port: 6390
                  daemons:
                    redis:
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %1$s/redis.pid
                    admin:
                      start-command: admin-server
                      pid-file: %1$s/admin.pid
                      ping: tcp://localhost:9000
                """)) {
            assertThat(context.getEnvironment().getProperty("daemon-controller.daemons.redis.port")).isEqualTo("6390");
            assertThat(context.getBean("redisDaemonController", DaemonController.class).startCommand())
                    .isEqualTo("redis-server --port 6390");
            assertThat(context.getBean("adminDaemonController", DaemonController.class).ping())
                    .hasToString("tcp://localhost:9000");
        }
    }

    @Test
    void daemonsWhoseOwnPortsAreNumbersAreNotBoundToPublishThem() {
        RecordedReads application = new RecordedReads(Map.of("daemon-controller.daemons.redis.port", "6390",
                "daemon-controller.daemons.redis.start-command", "redis-server --port 6390",
                "daemon-controller.daemons.redis.pid-file", directory.resolve("redis.pid").toString()));
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(application);
        assertThat(DaemonPorts.publish(environment, getClass().getClassLoader())).isEmpty();
        assertThat(environment.getPropertySources().contains(DaemonPorts.PROPERTY_SOURCE)).isTrue();
        assertThat(application.keys()).doesNotContain("daemon-controller.daemons.redis.start-command",
                "daemon-controller.daemons.redis.pid-file");
    }

    @Test
    void anAutoPortIsChosenInAContextThatSpringApplicationDoesNotRun() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class))
                .withPropertyValues("daemon-controller.daemons.redis.port=auto",
                        "daemon-controller.daemons.redis.start-command=redis-server --port "
                                + "${daemon-controller.daemons.redis.port}",
                        "daemon-controller.daemons.redis.pid-file=" + directory.resolve("redis.pid"))
                .run(context -> {
                    DaemonController redis = context.getBean(DaemonController.class);
                    assertThat(redis.port()).isPresent();
                    assertThat(redis.startCommand()).isEqualTo("redis-server --port " + redis.port().getAsInt());
                });
    }

    @Test
    void anAutoPortWithAPingOnAnotherPortIsReportedWithTheLinesOfBoth(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %s/redis.pid
                      ping: tcp://localhost:6379
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.ping",
                "Value: \"tcp://localhost:6379\"", "application.yml] - 7:13",
                "it names port 6379, but daemon-controller.daemons.redis.port is auto (", "application.yml] - 4:13)",
                "tcp://localhost:${daemon-controller.daemons.redis.port}",
                "set daemon-controller.daemons.redis.port to 6379 instead of auto");
    }

    @Test
    void anAutoPortWithAnHttpPingOnAnotherPortInAListIsReportedByItsIndex(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    web:
                      port: auto
                      start-command: web-server --port ${daemon-controller.daemons.web.port}
                      pid-file: %s/web.pid
                      ping:
                        - tcp://localhost:${daemon-controller.daemons.web.port}
                        - http://localhost:8080/health
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.web.ping[1]",
                "Value: \"http://localhost:8080/health\"", "application.yml] - 9:11",
                "it names port 8080, but daemon-controller.daemons.web.port is auto");
    }

    @Test
    void anAutoPortWithAPingListOnTheChosenPortIsAccepted() {
        try (ConfigurableApplicationContext context = run("""
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %s/redis.pid
                      ping:
                        - tcp://127.0.0.1:${daemon-controller.daemons.redis.port}
                        - "exec:redis-cli -p ${daemon-controller.daemons.redis.port} ping"
                """)) {
            DaemonController redis = context.getBean("redisDaemonController", DaemonController.class);
            int port = redis.port().getAsInt();
            assertThat(redis.ping()).hasToString("allOf(tcp://127.0.0.1:" + port + ", exec:redis-cli -p " + port
                    + " ping)");
        }
    }

    @Test
    void aPortThatIsNoNumberIsReportedWithItsLine(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      port: six-three-seven-nine
                      start-command: redis-server
                      pid-file: %s/redis.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.port",
                "Value: \"six-three-seven-nine\"", "application.yml] - 4:13", "it is neither auto nor a port number",
                "a number from 1 to 65535");
    }

    @Test
    void aPortOutOfRangeIsReportedWithItsLine(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      port: 70000
                      start-command: redis-server
                      pid-file: %s/redis.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.port", "Value: \"70000\"",
                "application.yml] - 4:13", "is not a TCP port", "a number from 1 to 65535");
    }

    @Test
    void aPidFileThatDependsOnAnAutoPortIsReportedWithItsLine(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %s/redis-${daemon-controller.daemons.redis.port}.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.pid-file",
                "application.yml] - 6:17", "it depends on daemon-controller.daemons.redis.port, which is auto",
                "a path that does not use the port; or a port number instead of auto");
        assertThat(directory.resolve("redis-auto.pid.port")).doesNotExist();
    }

    @Test
    void anAutoPortOnADaemonWithLifecycleNoneIsReportedWithItsLine(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      lifecycle: none
                      pid-file: %s/redis.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.port", "Value: \"auto\"",
                "application.yml] - 4:13", "a daemon with lifecycle none is started by something else",
                "the port number the daemon listens on");
    }

    @Test
    void anAutoPortOnSeveralInstancesIsReportedWithItsLine(CapturedOutput output) {
        failsToStart("""
                daemon-controller:
                  daemons:
                    web:
                      instances: 2
                      port: auto
                      start-command: web-server --port ${daemon-controller.daemons.web.port}
                      pid-file: %s/web-${instance}.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.web.port", "Value: \"auto\"",
                "application.yml] - 5:13", "web runs several instances, each of which needs a port of its own",
                "a port with ${instance} in it");
    }

    @Test
    void aPortWithTheInstanceNumberGivesEachInstanceItsOwn() {
        try (ConfigurableApplicationContext context = run("""
                daemon-controller:
                  daemons:
                    web:
                      instances: 2
                      port: "700${instance}"
                      start-command: web-server
                      pid-file: %s/web-${instance}.pid
                """)) {
            assertThat(context.getBean("web-1DaemonController", DaemonController.class).ping())
                    .hasToString("tcp://localhost:7001");
            assertThat(context.getBean("web-2DaemonController", DaemonController.class).port()).hasValue(7002);
        }
    }

    @Test
    void aDaemonRunningWithNoRecordedPortIsReportedAtItsAutoPort(CapturedOutput output) throws IOException {
        Files.writeString(directory.resolve("redis.pid"), ProcessHandle.current().pid() + "\n");
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      port: auto
                      start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                      pid-file: %s/redis.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.port", "Value: \"auto\"",
                "application.yml] - 4:13", "no port can be chosen", "but no port was recorded for it in");
    }

    @Test
    void aRecordedPortThatSomethingElseListensOnIsNotChosenAgain() throws IOException {
        int taken = FreePorts.next();
        Files.writeString(directory.resolve("redis.pid.port"), taken + "\n");
        try (ServerSocket other = new ServerSocket(taken, 1, InetAddress.getLoopbackAddress());
                ConfigurableApplicationContext context = run("""
                        daemon-controller:
                          daemons:
                            redis:
                              port: auto
                              start-command: redis-server --port ${daemon-controller.daemons.redis.port}
                              pid-file: %s/redis.pid
                        """)) {
            int port = context.getBean("redisDaemonController", DaemonController.class).port().getAsInt();
            assertThat(port).isNotEqualTo(taken);
            assertThat(Files.readString(directory.resolve("redis.pid.port"))).isEqualTo(port + "\n");
        }
    }

    private ConfigurableApplicationContext run(String yaml) {
        return application(yaml).run();
    }

    private void failsToStart(String yaml) {
        assertThatException().isThrownBy(() -> application(yaml).run().close());
    }

    private SpringApplicationBuilder application(String yaml) {
        try {
            Path file = Files.writeString(directory.resolve("application.yml"), yaml.formatted(directory));
            return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                    .properties("spring.config.location=file:" + file);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DaemonControllerAutoConfiguration.class)
    static class Application {
    }
}
