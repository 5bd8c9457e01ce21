package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.FreePorts;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app with its own configuration, whose readiness group includes {@code daemons}, and the
 * starter turned off, as a profile or a test would: it starts, manages nothing, and its health groups still work.
 */
class StarterOffIT {

    @TempDir
    Path directory;

    @Test
    void startsWithItsReadinessGroupUpAndManagesNothing() throws Exception {
        try (SampleApp app = SampleApp.start(directory, "--app.kv.port=" + FreePorts.next(),
                "--daemon-controller.enabled=false")) {
            JsonNode readiness = app.health("readiness");
            assertThat(readiness.path("status").asString()).as(readiness.toString()).isEqualTo("UP");
            assertThat(readiness.path("components").path("daemons").path("status").asString()).isEqualTo("UP");
            assertThat(app.json("/actuator/health").path("groups").values())
                    .extracting(JsonNode::asString).contains("liveness", "readiness");
            assertThat(app.get("/actuator/daemons").statusCode()).as("no daemons endpoint").isEqualTo(404);
            app.stop();
        }
        assertThat(Files.exists(directory.resolve("kv.pid"))).as("kv was never started").isFalse();
    }
}
