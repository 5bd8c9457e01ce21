package io.daemoncontroller.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code daemonctl} logs in, and what it says to answers a test app rarely gives: a real HTTP server on a free
 * port plays an app behind authentication, a read-only endpoint, a wrong URL, a daemon run by someone else.
 */
class EndpointRefusalTests {

    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Test
    void sendsBasicOrBearerAuthenticationWithEveryRequest() throws IOException {
        CommandLine daemonctl = serving(200, "{\"daemons\": []}");
        assertThat(daemonctl.run("status", "--user=admin:s3cret").exit()).isEqualTo(Exit.OK);
        assertThat(daemonctl.run("status", "--token=abc").exit()).isEqualTo(Exit.OK);
        assertThat(daemonctl.run("status").exit()).isEqualTo(Exit.OK);
        assertThat(authorizations).containsExactly("Basic YWRtaW46czNjcmV0", "Bearer abc", "none");
    }

    @Test
    void anUnauthorizedAnswerSaysHowToLogIn() throws IOException {
        CommandLine.Run run = serving(401, "").run("status");
        assertThat(run.exit()).isEqualTo(Exit.FAILED);
        assertThat(run.err()).endsWith("/actuator/daemons answered 401: log in with --user=name:password or "
                + "--token=... (or DAEMONCTL_USER, DAEMONCTL_TOKEN)" + System.lineSeparator());
    }

    @Test
    void aReadOnlyEndpointSaysWhichPropertyAllowsActions() throws IOException {
        CommandLine.Run run = serving(405, "{\"timestamp\": \"2026-12-01T00:00:00Z\", \"status\": 405, \"error\": "
                + "\"Method Not Allowed\", \"path\": \"/actuator/daemons/kv\"}").run("start", "kv");
        assertThat(run.exit()).isEqualTo(Exit.FAILED);
        assertThat(run.err()).endsWith("/actuator/daemons/kv answered 405: the daemons endpoint is read-only; the app "
                + "needs management.endpoint.daemons.access=unrestricted to start and stop daemons"
                + System.lineSeparator());
    }

    @Test
    void anAnswerThatIsNotTheEndpointsAsksWhetherTheUrlIsRight() throws IOException {
        for (int status : new int[] {404, 200}) {
            CommandLine.Run run = serving(status, "<html>Whitelabel Error Page</html>").run("status");
            assertThat(run.exit()).as("status %d", status).isEqualTo(Exit.FAILED);
            assertThat(run.err()).as("status %d", status).endsWith("/actuator/daemons answered " + status + " but not "
                    + "as the daemons endpoint does: is --url the actuator's base URL (such as "
                    + "http://localhost:8080/actuator) and the endpoint exposed "
                    + "(management.endpoints.web.exposure.include=daemons)?" + System.lineSeparator());
            stopServer();
        }
    }

    @Test
    void pidOfARunningDaemonWhosePidTheAppDoesNotKnowSaysWhy() throws IOException {
        CommandLine.Run run = serving(200, "{\"name\": \"sidecar\", \"state\": \"RUNNING\", \"pid\": null, "
                + "\"lifecycle\": \"none\"}").run("pid", "sidecar");
        assertThat(run.exit()).isEqualTo(Exit.FAILED);
        assertThat(run.err()).isEqualTo("daemonctl: Daemon \"sidecar\" runs, but the app does not know its pid "
                + "(lifecycle none)" + System.lineSeparator());
    }

    /** A daemonctl whose actuator is a server that answers every request with {@code status} and {@code body}. */
    private CommandLine serving(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getOrDefault("Authorization", List.of("none")).get(0));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new CommandLine("http://127.0.0.1:" + server.getAddress().getPort() + "/actuator");
    }
}
