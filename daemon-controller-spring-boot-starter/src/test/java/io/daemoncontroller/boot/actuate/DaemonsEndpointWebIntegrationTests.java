package io.daemoncontroller.boot.actuate;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import io.daemoncontroller.boot.test.Actuator;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The {@code daemons} endpoint and health over HTTP, in a real web application. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonsEndpointWebIntegrationTests {

    @TempDir
    Path directory;

    @Test
    void isReadOnlyByDefaultAndShowsHealth() throws Exception {
        try (ServerSocket sidecar = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                ConfigurableApplicationContext context = application(Map.of(
                        "daemon-controller.daemons.sidecar.lifecycle", "none",
                        "daemon-controller.daemons.sidecar.ping", "tcp://127.0.0.1:" + sidecar.getLocalPort(),
                        "daemon-controller.daemons.lazy.start-command", "lazyd",
                        "daemon-controller.daemons.lazy.ping", "tcp://127.0.0.1:1",
                        "daemon-controller.daemons.lazy.pid-file", directory.resolve("lazy.pid").toString()))) {
            Actuator actuator = Actuator.of(context);
            HttpResponse<String> list = actuator.get("/actuator/daemons");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<List<String>>read(list.body(), "$.daemons[*].name"))
                    .containsExactly("sidecar", "lazy");
            assertThat(JsonPath.<String>read(list.body(), "$.daemons[0].state")).isEqualTo("RUNNING");
            assertThat(actuator.<String>read("/actuator/daemons/lazy", "$.lifecycle")).isEqualTo("on-demand");
            HttpResponse<String> unknown = actuator.get("/actuator/daemons/nope");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("No daemon is named \\\"nope\\\"");
            assertThat(actuator.post("/actuator/daemons/lazy", "start").statusCode()).isEqualTo(405);
            HttpResponse<String> health = actuator.get("/actuator/health");
            assertThat(JsonPath.<String>read(health.body(), "$.components.daemons.components.sidecar.status"))
                    .isEqualTo("UP");
            assertThat(JsonPath.<String>read(health.body(), "$.components.daemons.components.lazy.status"))
                    .isEqualTo("UNKNOWN");
            assertThat(JsonPath.<String>read(health.body(), "$.components.daemons.status")).isEqualTo("UP");
        }
    }

    @Test
    void stopsAndStartsTheRealDaemonWhenUnrestricted() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).lifecycle("start-and-stop")
                .set("tags", "web");
        try (ConfigurableApplicationContext context = application(Map.of(
                "management.endpoint.daemons.access", "unrestricted"), echo.map())) {
            Actuator actuator = Actuator.of(context);
            long firstPid = echo.livePid().orElseThrow();
            String shown = actuator.get("/actuator/daemons/echo").body();
            assertThat(JsonPath.<Number>read(shown, "$.pid").longValue()).isEqualTo(firstPid);
            assertThat(JsonPath.<String>read(shown, "$.state")).isEqualTo("RUNNING");
            assertThat(JsonPath.<Integer>read(shown, "$.restarts")).isZero();
            assertThat(JsonPath.<String>read(shown, "$.restart")).isEqualTo("never");
            assertThat(JsonPath.<Object>read(shown, "$.since")).isInstanceOf(String.class);
            assertThat(actuator.healthOf("echo")).isEqualTo("UP");

            HttpResponse<String> stop = actuator.post("/actuator/daemons/echo", "stop");
            assertThat(stop.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<Map<String, Object>>read(stop.body(), "$")).as("the documented shape")
                    .containsExactly(entry("daemon", "echo"), entry("action", "stop"), entry("result", "stopped"));
            assertThat(echo.livePid()).isEmpty();
            assertThat(echo.answers()).isFalse();
            assertThat(actuator.healthOf("echo")).isEqualTo("DOWN");

            HttpResponse<String> start = actuator.post("/actuator/daemons/echo", "start");
            assertThat(JsonPath.<String>read(start.body(), "$.result")).isEqualTo("started");
            assertThat(echo.answers()).isTrue();
            assertThat(actuator.healthOf("echo")).isEqualTo("UP");

            HttpResponse<String> restart = actuator.post("/actuator/daemons/@web", "restart");
            assertThat(restart.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<Map<String, Object>>read(restart.body(), "$")).as("the documented shape")
                    .containsOnlyKeys("results");
            assertThat(JsonPath.<Map<String, Object>>read(restart.body(), "$.results[0]")).containsExactly(
                    entry("daemon", "echo"), entry("action", "restart"), entry("result", "restarted"));
            assertThat(echo.livePid()).isPresent().isNotEqualTo(firstPid);

            HttpResponse<String> reboot = actuator.post("/actuator/daemons/echo", "reboot");
            assertThat(reboot.statusCode()).isEqualTo(400);
            assertThat(reboot.body()).contains("use start, stop or restart");

            HttpResponse<String> noAction = actuator.postJson("/actuator/daemons/echo", "{}");
            assertThat(noAction.statusCode()).isEqualTo(400);
            assertThat(JsonPath.<String>read(noAction.body(), "$.error")).startsWith("No action: send");
        }
        assertThat(echo.livePid()).isEmpty();
        assertThat(echo.starts()).isEqualTo(3);
    }

    @Test
    void servesTheLastLinesOfTheLogAtItsOwnPath() throws Exception {
        Path log = Files.write(directory.resolve("search.log"),
                IntStream.rangeClosed(1, 150).mapToObj(line -> "line " + line).toList());
        try (ConfigurableApplicationContext context = application(Map.of(
                "daemon-controller.daemons.search.start-command", "searchd",
                "daemon-controller.daemons.search.ping", "tcp://127.0.0.1:1",
                "daemon-controller.daemons.search.pid-file", directory.resolve("search.pid").toString(),
                "daemon-controller.daemons.search.log-file", log.toString()))) {
            Actuator actuator = Actuator.of(context);
            HttpResponse<String> byDefault = actuator.get("/actuator/daemons/search/log");
            assertThat(byDefault.statusCode()).isEqualTo(200);
            List<String> lines = JsonPath.read(byDefault.body(), "$.lines");
            assertThat(lines).hasSize(100).startsWith("line 51").endsWith("line 150");
            assertThat(actuator.<List<String>>read("/actuator/daemons/search/log?lines=2", "$.lines"))
                    .containsExactly("line 149", "line 150");
            assertThat(actuator.<List<String>>read("/actuator/daemons/search/log?lines=1000", "$.lines")).hasSize(150);
            for (String asked : List.of("abc", "0", "1001")) {
                HttpResponse<String> refused = actuator.get("/actuator/daemons/search/log?lines=" + asked);
                assertThat(refused.statusCode()).as(asked).isEqualTo(400);
                assertThat(JsonPath.<String>read(refused.body(), "$.error"))
                        .isEqualTo("lines must be a number from 1 to 1000, not \"" + asked + "\"");
            }
            assertThat(actuator.get("/actuator/daemons/search/pid").statusCode()).isEqualTo(404);
            assertThat(actuator.get("/actuator/daemons/nope/log").statusCode()).isEqualTo(404);
        }
    }

    @SafeVarargs
    private static ConfigurableApplicationContext application(Map<String, ?>... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(WebApplication.class).properties(
                "server.port=0", "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health,daemons",
                "management.endpoint.health.show-details=always");
        for (Map<String, ?> some : properties) {
            builder.properties(new LinkedHashMap<String, Object>(some));
        }
        return builder.run();
    }
}
