package io.daemoncontroller.boot.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.ChildJvm;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.RequiredProgram;
import io.daemoncontroller.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real daemons on auto ports: the port reaches their command line and every bean that asks for it, before the beans
 * exist; an on-demand daemon that outlived the JVM that chose its port is found on it by the next JVM.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonPortsIntegrationTests {

    private static final String PORT = "${daemon-controller.daemons.echo.port}";

    @TempDir
    Path directory;

    @Test
    void aBeanThatConnectsInItsConstructorFindsTheDaemonOnItsAutoPort() throws IOException {
        try (ConfigurableApplicationContext context = application(Client.class)
                .properties(echo("start-and-stop")).properties("client.port=" + PORT).run()) {
            int port = context.getEnvironment().getRequiredProperty("daemon-controller.daemons.echo.port",
                    Integer.class);
            assertThat(context.getBean(Client.class).echo).isEqualTo("hello");
            assertThat(context.getBean(Client.class).port).isEqualTo(port);
            assertThat(Files.readString(directory.resolve("echo.pid.port"))).isEqualTo(port + "\n");
            assertThat(context.getBean(Daemons.class).get("echo").controller().ping())
                    .hasToString("tcp://localhost:" + port);
        }
        assertThat(TestProcesses.markedAlive()).isEmpty();
    }

    @Test
    void aRealRedisRunsOnItsAutoPortAndItsClientPropertyResolvesToIt() throws IOException {
        Path redisServer = RequiredProgram.find("redis-server", "redis-server");
        String prefix = "daemon-controller.daemons.redis.";
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put(prefix + "port", "auto");
        redis.put(prefix + "start-command", shellQuote(redisServer.toString()) + " --port "
                + "${daemon-controller.daemons.redis.port} --bind 127.0.0.1 --dir " + shellQuote(directory.toString())
                + " --save '' --appendonly no");
        redis.put(prefix + "daemonize-for-me", "true");
        redis.put(prefix + "pid-file", directory.resolve("redis.pid").toString());
        redis.put(prefix + "ready-log-line", "Ready to accept connections");
        redis.put(prefix + "lifecycle", "start-and-stop");
        DaemonController controller = null;
        try (ConfigurableApplicationContext context = application(RedisPort.class).properties(redis)
                .properties("spring.data.redis.port=${daemon-controller.daemons.redis.port}").run()) {
            controller = context.getBean("redisDaemonController", DaemonController.class);
            int port = context.getBean(RedisPort.class).port;
            assertThat(controller.port()).hasValue(port);
            assertThat(controller.ping()).hasToString("tcp://localhost:" + port);
            assertThat(request(port, "PING\r\n")).isEqualTo("+PONG");
            assertThat(Files.readString(directory.resolve("redis.pid.port"))).isEqualTo(port + "\n");
        } finally {
            if (controller != null) {
                controller.stop();
            }
        }
        assertThat(controller.isRunning()).isFalse();
    }

    @Test
    void theNextJvmFindsAnOnDemandDaemonThatOutlivedTheLastOneOnItsRecordedPort() throws Exception {
        List<String> args = new ArrayList<>();
        echo("on-demand").forEach((key, value) -> args.add("--" + key + "=" + value));
        Path output = directory.resolve("first-run.out");
        Process firstRun = ChildJvm.start(output, AutoPortApplication.class, args.toArray(String[]::new));
        assertThat(firstRun.waitFor(60, TimeUnit.SECONDS)).as("the first run exits").isTrue();
        String printed = Files.readString(output);
        assertThat(firstRun.exitValue()).as(printed).isZero();
        int firstPort = Integer.parseInt(printed.lines().filter(line -> line.startsWith("port=")).findFirst()
                .orElseThrow(() -> new AssertionError(printed)).substring("port=".length()));
        long daemon = Long.parseLong(Files.readString(directory.resolve("echo.pid")).strip());
        assertThat(TestProcesses.isAlive(daemon)).as("the on-demand daemon outlived its JVM").isTrue();

        ManagedDaemon echo = null;
        try (ConfigurableApplicationContext context = AutoPortApplication.application().properties(echo("on-demand"))
                .run()) {
            echo = context.getBean(Daemons.class).get("echo");
            assertThat(context.getEnvironment().getProperty("daemon-controller.daemons.echo.port", Integer.class))
                    .isEqualTo(firstPort);
            assertThat(echo.controller().status().state()).isEqualTo(DaemonState.RUNNING);
            assertThat(echo.controller().pid()).hasValue(daemon);
            assertThat(request(firstPort, "again\n")).isEqualTo("again");
            assertThat(Files.readAllLines(directory.resolve("echo.count"))).hasSize(1);
        } finally {
            if (echo != null) {
                echo.controller().stop();
            }
        }
    }

    /** The echo test daemon on an auto port, in the foreground ({@code daemonize-for-me}), with its pid counted. */
    private Map<String, Object> echo(String lifecycle) {
        String prefix = "daemon-controller.daemons.echo.";
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put(prefix + "port", "auto");
        echo.put(prefix + "start-command", "exec " + TestDaemonCommand.testDaemon()
                .countFile(directory.resolve("echo.count")).foregroundShellCommand() + " --port " + PORT);
        echo.put(prefix + "daemonize-for-me", "true");
        echo.put(prefix + "pid-file", directory.resolve("echo.pid").toString());
        echo.put(prefix + "lifecycle", lifecycle);
        echo.put(prefix + "start-timeout", "20s");
        echo.put(prefix + "stop-timeout", "10s");
        return echo;
    }

    private static SpringApplicationBuilder application(Class<?> bean) {
        return AutoPortApplication.application().sources(bean);
    }

    /** Sends {@code request} and returns the first line of the answer. */
    private static String request(int port, String request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A client that connects to {@code client.port} in its constructor, as a connection pool that fills itself. */
    @Configuration(proxyBeanMethods = false)
    @Import(AutoPortApplication.class)
    static class Client {

        final int port;
        final String echo;

        Client(@Value("${client.port}") int port) {
            this.port = port;
            this.echo = request(port, "hello\n");
        }
    }

    /** Takes the port the way Boot's Redis auto-configuration would: from {@code spring.data.redis.port}. */
    @Configuration(proxyBeanMethods = false)
    @Import(AutoPortApplication.class)
    static class RedisPort {

        final int port;

        RedisPort(@Value("${spring.data.redis.port}") int port) {
            this.port = port;
        }
    }
}
