package io.daemoncontroller.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.jayway.jsonpath.JsonPath;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Calls the actuator of a running web application over HTTP. */
public final class Actuator {

    private static final HttpClient http = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;

    private Actuator(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** The actuator of {@code context}, a web application listening on 127.0.0.1. */
    public static Actuator of(ConfigurableApplicationContext context) {
        return new Actuator(context);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** {@code POST path} with {@code {"action": action}}. */
    public HttpResponse<String> post(String path, String action) {
        return postJson(path, "{\"action\": \"" + action + "\"}");
    }

    /** {@code POST path} with {@code json} as its body. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The value at {@code jsonPath} in the body of {@code GET path}. */
    public <T> T read(String path, String jsonPath) {
        return JsonPath.read(get(path).body(), jsonPath);
    }

    /** The health status of the daemon named {@code daemon}, such as {@code UP}. */
    public String healthOf(String daemon) {
        return read("/actuator/health/daemons/" + daemon, "$.status");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private URI uri(String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
