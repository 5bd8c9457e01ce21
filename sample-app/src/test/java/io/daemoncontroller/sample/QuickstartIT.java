package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's Quickstart, request by request and in its order, against the packaged sample app: each comment in it
 * holds. Then the endpoint's refusals README promises: every 4xx carries a message, and the documented bounds hold.
 */
class QuickstartIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;


    @Test
    void everyStepOfTheQuickstartAnswersAsREADMESays() throws Exception {
        app = apps.start(directory, "--app.kv.port=" + FreePorts.next());

        JsonNode readiness = app.health("readiness");
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
        assertThat(Daemons.readinessStatus(app, "kv")).as("on-demand, not started yet").isEqualTo("UNKNOWN");
        assertThat(app.json("/actuator/metrics/daemon.autostarts?tag=daemon:kv")).as("answers before any start")
                .isNotNull();
        assertThat(Daemons.autostarts(app, "kv")).isZero();

        assertThat(app.put("/kv/greeting", "Hello, daemons").statusCode()).isEqualTo(204);
        assertThat(app.get("/kv/greeting").body()).isEqualTo("Hello, daemons");
        assertThat(Daemons.pid(app, "kv")).isPresent();
        assertThat(Daemons.readinessStatus(app, "kv")).isEqualTo("UP");
        assertThat(Daemons.autostarts(app, "kv")).isEqualTo(1);
        // The server logs its first line after it binds its port, so that line may reach kv.log after start().
        int logLines = Await.value("kv's first log line", Duration.ofSeconds(10), () -> Optional
                .of(app.json("/actuator/daemons/kv/log?lines=5").path("lines").size()).filter(lines -> lines > 0));
        assertThat(logLines).isBetween(1, 5);

        HttpResponse<String> stop = app.post("/actuator/daemons/kv", "{\"action\":\"stop\"}");
        assertThat(stop.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stop.body()).propertyNames()).as("the documented shape")
                .containsExactly("daemon", "action", "result");
        assertThat(Daemons.pid(app, "kv")).isEmpty();
    }

    @Test
    void everyRefusalCarriesAMessageAndTheDocumentedBoundsHold() throws Exception {
        app = apps.start(directory, "--app.kv.port=" + FreePorts.next());
        assertThat(app.put("/kv/greeting", "Hello, daemons").statusCode()).isEqualTo(204);

        assertRefused(app.get("/actuator/daemons/kv/log?lines=abc"), 400, "lines must be a number from 1 to 1000");
        assertRefused(app.get("/actuator/daemons/kv/log?lines=1001"), 400, "lines must be a number from 1 to 1000");
        assertRefused(app.get("/actuator/daemons/kv/log?lines=0"), 400, "lines must be a number from 1 to 1000");
        assertThat(app.get("/actuator/daemons/kv/log?lines=1000").statusCode()).isEqualTo(200);
        assertRefused(app.post("/actuator/daemons/kv", "{}"), 400, "No action");
        assertRefused(app.post("/actuator/daemons/kv", "{\"action\":\"reboot\"}"), 400, "Unknown action");
        assertRefused(app.get("/actuator/daemons/nope"), 404, "No daemon is named");
        assertRefused(app.post("/actuator/daemons/@nope", "{\"action\":\"start\"}"), 404, "No daemon is tagged");

        HttpResponse<String> tagged = app.post("/actuator/daemons/@sample", "{\"action\":\"start\"}");
        assertThat(tagged.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(tagged.body());
        assertThat(results.propertyNames()).containsExactly("results");
        assertThat(results.path("results").path(0).propertyNames()).containsExactly("daemon", "action", "result");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).path("error").asString()).startsWith(message);
    }
}
