package io.daemoncontroller.boot.actuate;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code daemons} endpoint and health over HTTP, in a real web application. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonsEndpointWebIntegrationTests {

    private static final HttpClient http = HttpClient.newHttpClient();

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
            HttpResponse<String> list = get(context, "/actuator/daemons");
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<List<String>>read(list.body(), "$.daemons[*].name"))
                    .containsExactly("sidecar", "lazy");
            assertThat(JsonPath.<String>read(list.body(), "$.daemons[0].state")).isEqualTo("RUNNING");
            assertThat(JsonPath.<String>read(get(context, "/actuator/daemons/lazy").body(), "$.lifecycle"))
                    .isEqualTo("on-demand");
            HttpResponse<String> unknown = get(context, "/actuator/daemons/nope");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("No daemon is named \\\"nope\\\"");
            assertThat(post(context, "/actuator/daemons/lazy", "start").statusCode()).isEqualTo(405);
            HttpResponse<String> health = get(context, "/actuator/health");
            assertThat(JsonPath.<String>read(health.body(), "$.components.daemons.components.sidecar.status"))
                    .isEqualTo("UP");
            assertThat(JsonPath.<String>read(health.body(), "$.components.daemons.components.lazy.status"))
                    .isEqualTo("UNKNOWN");
            assertThat(JsonPath.<String>read(health.body(), "$.components.daemons.status")).isEqualTo("UP");
        }
    }

    @Test
    void stopsAndStartsTheRealDaemonWhenUnrestricted() throws Exception {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).lifecycle("start-and-stop")
                .set("tags", "web");
        try (ConfigurableApplicationContext context = application(Map.of(
                "management.endpoint.daemons.access", "unrestricted"), echo.map())) {
            long firstPid = echo.livePid().orElseThrow();
            assertThat(JsonPath.<Number>read(get(context, "/actuator/daemons/echo").body(), "$.pid").longValue())
                    .isEqualTo(firstPid);
            assertThat(healthOf(context, "echo")).isEqualTo("UP");

            HttpResponse<String> stop = post(context, "/actuator/daemons/echo", "stop");
            assertThat(stop.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<String>read(stop.body(), "$.result")).isEqualTo("stopped");
            assertThat(echo.livePid()).isEmpty();
            assertThat(echo.answers()).isFalse();
            assertThat(healthOf(context, "echo")).isEqualTo("DOWN");

            HttpResponse<String> start = post(context, "/actuator/daemons/echo", "start");
            assertThat(JsonPath.<String>read(start.body(), "$.result")).isEqualTo("started");
            assertThat(echo.answers()).isTrue();
            assertThat(healthOf(context, "echo")).isEqualTo("UP");

            HttpResponse<String> restart = post(context, "/actuator/daemons/@web", "restart");
            assertThat(restart.statusCode()).isEqualTo(200);
            assertThat(JsonPath.<List<String>>read(restart.body(), "$.results[*].result")).containsExactly("restarted");
            assertThat(echo.livePid()).isPresent().isNotEqualTo(firstPid);

            HttpResponse<String> reboot = post(context, "/actuator/daemons/echo", "reboot");
            assertThat(reboot.statusCode()).isEqualTo(400);
            assertThat(reboot.body()).contains("use start, stop or restart");
        }
        assertThat(echo.livePid()).isEmpty();
        assertThat(echo.starts()).isEqualTo(3);
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

    private static String healthOf(ConfigurableApplicationContext context, String daemon) throws Exception {
        return JsonPath.read(get(context, "/actuator/health").body(),
                "$.components.daemons.components." + daemon + ".status");
    }

    private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(context, path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext context, String path, String action)
            throws Exception {
        return http.send(HttpRequest.newBuilder(uri(context, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"" + action + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
