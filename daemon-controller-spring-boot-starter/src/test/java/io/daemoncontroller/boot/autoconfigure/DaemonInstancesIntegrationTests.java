package io.daemoncontroller.boot.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import io.daemoncontroller.Ping;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.test.Actuator;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.RequiredProgram;
import io.daemoncontroller.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code instances: N} in a real web application, with real daemons: N processes, each a daemon of its own. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonInstancesIntegrationTests {

    private static final String WEB = "daemon-controller.daemons.web.";

    @TempDir
    Path directory;

    @Test
    void runsEachInstanceWithItsOwnFilesAndPortAndOperatesThemAllByTheEntrysTag() throws IOException {
        List<Integer> ports = List.of(FreePorts.next(), FreePorts.next(), FreePorts.next());
        Map<String, Object> properties = instances(3, TestDaemonCommand.testDaemon()
                .port("${test.web.port-${instance}}"), "tcp://127.0.0.1:${test.web.port-${instance}}");
        for (int i = 0; i < ports.size(); i++) {
            properties.put("test.web.port-" + (i + 1), ports.get(i));
        }
        try (ConfigurableApplicationContext context = application(properties)) {
            Actuator actuator = Actuator.of(context);
            List<Long> pids = List.of(livePid(1).orElseThrow(), livePid(2).orElseThrow(), livePid(3).orElseThrow());
            assertThat(new HashSet<>(pids)).hasSize(3);
            for (int i = 0; i < ports.size(); i++) {
                assertThat(answers(ports.get(i))).as("web-%d on its own port", i + 1).isTrue();
            }
            assertThat(Files.readString(directory.resolve("web-2.log"))).contains("listening on 127.0.0.1:"
                    + ports.get(1));
            assertThat(context.getBean(Daemons.class).withTag("web")).extracting(ManagedDaemon::name)
                    .containsExactly("web-1", "web-2", "web-3");
            assertThat(context.getBeansOfType(io.daemoncontroller.DaemonController.class))
                    .containsKeys("web-1DaemonController", "web-2DaemonController", "web-3DaemonController");

            String list = actuator.get("/actuator/daemons").body();
            assertThat(JsonPath.<List<String>>read(list, "$.daemons[*].name")).containsExactly("web-1", "web-2",
                    "web-3");
            assertThat(JsonPath.<Number>read(actuator.get("/actuator/daemons/web-2").body(), "$.pid").longValue())
                    .isEqualTo(pids.get(1));
            assertThat(actuator.healthOf("web-1")).isEqualTo("UP");
            assertThat(actuator.<String>read("/actuator/health/daemons-web", "$.status")).isEqualTo("UP");
            assertThat(actuator.<Double>read("/actuator/metrics/daemon.up?tag=daemon:web-3",
                    "$.measurements[0].value")).isEqualTo(1.0);

            HttpResponse<String> stop = actuator.post("/actuator/daemons/@web", "stop");
            assertThat(stop.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<List<String>>read(stop.body(), "$.results[*].daemon")).containsExactlyInAnyOrder(
                    "web-1", "web-2", "web-3");
            assertThat(JsonPath.<List<String>>read(stop.body(), "$.results[*].result")).containsOnly("stopped");
            assertThat(pids).noneMatch(TestProcesses::isAlive);
            assertThat(ports).noneMatch(DaemonInstancesIntegrationTests::answers);
            assertThat(actuator.healthOf("web-2")).isEqualTo("DOWN");
            assertThat(actuator.<Double>read("/actuator/metrics/daemon.up?tag=daemon:web-3",
                    "$.measurements[0].value")).isEqualTo(0.0);

            HttpResponse<String> start = actuator.post("/actuator/daemons/@web", "start");
            assertThat(JsonPath.<List<String>>read(start.body(), "$.results[*].result")).containsOnly("started");
            assertThat(ports).allMatch(DaemonInstancesIntegrationTests::answers);
            assertThat(actuator.healthOf("web-3")).isEqualTo("UP");
        }
        assertThat(List.of(1, 2, 3)).allMatch(instance -> livePid(instance).isEmpty());
    }

    /**
     * Another instance may answer on the shared port, so each is pinged on a socket of its own: its start waits for
     * this instance, not for the first.
     */
    @Test
    void instancesOfAServerThatBindsWithSoReusePortShareOnePortAndTheKernelSpreadsTheConnections() {
        int port = FreePorts.next();
        Path socket = directory.resolve("web-${instance}.sock");
        Map<String, Object> properties = instances(3, TestDaemonCommand.testDaemon().port(port).reusePort()
                .greeting("web-${instance}").unixSocket(socket), "unix:" + socket);
        try (ConfigurableApplicationContext context = application(properties)) {
            assertThat(List.of(1, 2, 3)).allMatch(instance -> livePid(instance).isPresent());
            Set<String> servedBy = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                servedBy.add(greeting(port));
            }
            assertThat(servedBy).as("the instances that served 60 connections").hasSizeGreaterThan(1)
                    .isSubsetOf("web-1", "web-2", "web-3");
        }
    }

    /** The README's example: Debian's nginx, three instances with {@code listen ... reuseport} on one port. */
    @Test
    void nginxInstancesWithReuseportShareOnePort() throws IOException {
        Path nginx = RequiredProgram.find("nginx", "nginx-light");
        int port = FreePorts.next();
        Path temp = Files.createDirectories(directory.resolve("temp"));
        Path config = Files.writeString(directory.resolve("nginx.conf"), String.join("\n",
                "daemon on; worker_processes 1;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + temp + "; proxy_temp_path " + temp + "; fastcgi_temp_path " + temp + ";",
                "  uwsgi_temp_path " + temp + "; scgi_temp_path " + temp + ";",
                "  server { listen 127.0.0.1:" + port + " reuseport; location / { return 200 \"$pid\\n\"; } }",
                "}", ""));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(WEB + "instances", 3);
        properties.put(WEB + "start-command", nginx + " -p " + directory + "/ -c " + config + " -e "
                + directory.resolve("web-${instance}.log") + " -g \"pid " + directory.resolve("web-${instance}.pid")
                + ";\"");
        properties.put(WEB + "pid-file", directory.resolve("web-${instance}.pid").toString());
        properties.put(WEB + "log-file", directory.resolve("web-${instance}.log").toString());
        properties.put(WEB + "ping", "http://127.0.0.1:" + port + "/");
        properties.put(WEB + "lifecycle", "start-and-stop");
        List<Long> masters;
        try (ConfigurableApplicationContext context = application(properties)) {
            masters = List.of(livePid(1).orElseThrow(), livePid(2).orElseThrow(), livePid(3).orElseThrow());
            assertThat(new HashSet<>(masters)).hasSize(3);
            Set<String> servedBy = new HashSet<>();
            for (int i = 0; i < 60; i++) {
                servedBy.add(lastLineOfHttpGet(port));
            }
            assertThat(servedBy).as("the nginx workers that served 60 connections").hasSizeGreaterThan(1);
        }
        assertThat(masters).noneMatch(TestProcesses::isAlive);
    }

    /** The entry {@code web} with {@code count} instances of {@code daemon}, in the background, started at startup. */
    private Map<String, Object> instances(int count, TestDaemonCommand daemon, String ping) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(WEB + "instances", count);
        properties.put(WEB + "start-command", daemon.pidFile(directory.resolve("web-${instance}.pid"))
                .logFile(directory.resolve("web-${instance}.log")).shellCommand());
        properties.put(WEB + "pid-file", directory.resolve("web-${instance}.pid").toString());
        properties.put(WEB + "log-file", directory.resolve("web-${instance}.log").toString());
        properties.put(WEB + "ping", ping);
        properties.put(WEB + "lifecycle", "start-and-stop");
        properties.put(WEB + "start-timeout", "30s");
        return properties;
    }

    private OptionalLong livePid(int instance) {
        try {
            long pid = Long.parseLong(Files.readString(directory.resolve("web-" + instance + ".pid")).strip());
            return TestProcesses.isAlive(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    private static boolean answers(int port) {
        try {
            return Ping.tcp("127.0.0.1", port).answers();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The first line the daemon that accepts a new connection to {@code port} writes: its greeting. */
    private static String greeting(int port) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The last line of the answer to {@code GET /} over a new HTTP/1.0 connection to {@code port}. */
    private static String lastLineOfHttpGet(int port) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            List<String> lines = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .lines().toList();
            return lines.get(lines.size() - 1);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static ConfigurableApplicationContext application(Map<String, Object> properties) {
        return new SpringApplicationBuilder(WebApplication.class).properties(
                "server.port=0", "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health,daemons,metrics",
                "management.endpoint.health.show-details=always",
                "management.endpoint.daemons.access=unrestricted")
                .properties(properties).run();
    }
}
