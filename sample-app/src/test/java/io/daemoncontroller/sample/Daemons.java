package io.daemoncontroller.sample;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the app's actuator says about its daemons, and the clean-up of the daemons a test started. */
final class Daemons {

    private Daemons() {
    }

    /** The daemon's pid as {@code GET /actuator/daemons} lists it; empty if it does not run. */
    static OptionalLong pid(SampleApp app, String name) {
        JsonNode daemon = listed(app, name);
        JsonNode pid = daemon.path("pid");
        return pid.isNumber() ? OptionalLong.of(pid.asLong()) : OptionalLong.empty();
    }

    /** The daemon's status in the readiness health group, such as {@code UP}. */
    static String readinessStatus(SampleApp app, String name) {
        JsonNode readiness = app.health("readiness");
        JsonNode daemon = readiness.path("components").path("daemons").path("components").path(name);
        assertThat(daemon.isMissingNode()).as("daemons/%s in the readiness group: %s", name, readiness).isFalse();
        return daemon.path("status").asString();
    }

    /** How many times a failed connection started the daemon, from the {@code daemon.autostarts} counter. */
    static double autostarts(SampleApp app, String name) {
        JsonNode metric = app.json("/actuator/metrics/daemon.autostarts?tag=daemon:" + name);
        return metric.path("measurements").path(0).path("value").asDouble();
    }

    private static JsonNode listed(SampleApp app, String name) {
        JsonNode daemons = app.json("/actuator/daemons").path("daemons");
        for (JsonNode daemon : daemons) {
            if (daemon.path("name").asString().equals(name)) {
                return daemon;
            }
        }
        throw new AssertionError("GET /actuator/daemons does not list " + name + ": " + daemons);
    }

    /** Kills every process named by a PID file in {@code directory}, the run directory of a test's app. */
    static void killAll(Path directory) throws IOException {
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(directory, "*.pid")) {
            for (Path pidFile : pidFiles) {
                String content = Files.readString(pidFile).trim();
                if (content.matches("\\d+")) {
                    OsProcesses.kill(Long.parseLong(content));
                }
            }
        }
    }
}
