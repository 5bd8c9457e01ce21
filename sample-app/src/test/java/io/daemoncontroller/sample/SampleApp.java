package io.daemoncontroller.sample;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged sample app ({@code java -jar}) running as a process of its own, on a free port, in a directory of
 * its own that is also its run directory, and an HTTP client to call it.
 */
final class SampleApp implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The app starts about a third sooner on 2 cores compiled by C1 alone, with the serial collector; nothing the
     * tests check depends on either. The core's test daemons run with the same flags
     * ({@code TestDaemonCommand.FAST_JVM_FLAGS}) and a 64 MB heap, which a web app with its daemons' clients outgrows.
     */
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SampleApp(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.base = URI.create("http://localhost:" + port);
    }

    /**
     * Starts the app with {@code arguments} added to its command line and returns once it is live (its readiness
     * depends on its daemons).
     */
    static SampleApp start(Path directory, String... arguments) throws IOException {
        return start(directory, List.of(), arguments);
    }

    /** As {@link #start(Path, String...)}, with {@code jvmOptions}, such as {@code -Dspring.aot.enabled=true}. */
    static SampleApp start(Path directory, List<String> jvmOptions, String... arguments) throws IOException {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar")).toAbsolutePath();
        assertThat(jar).as("the packaged sample app; run the tests with ./mvnw verify").isRegularFile();
        int port = FreePorts.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(FAST_START);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--app.run-dir=" + directory));
        command.addAll(List.of(arguments));
        Path log = directory.resolve("app.log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        SampleApp app = new SampleApp(process, log, port);
        app.awaitLive();
        return app;
    }

    private void awaitLive() {
        Await.until("the app answers on " + base + " (log: " + log + ")", STARTUP_TIMEOUT, () -> {
            if (!process.isAlive()) {
                fail("The app exited with status " + process.exitValue() + " during startup:\n" + log());
            }
            try {
                return http.send(request("/actuator/health/liveness").build(), BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** The app's URL of {@code path}, such as {@code /actuator}. */
    URI uri(String path) {
        return base.resolve(path);
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    HttpResponse<String> put(String path, String text) {
        return send(request(path).header("Content-Type", "text/plain").PUT(BodyPublishers.ofString(text)));
    }

    HttpResponse<String> post(String path, String json) {
        return post(path, "application/json", json);
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(BodyPublishers.ofString(body)));
    }

    /** The JSON document at {@code path}, which must answer 200. */
    JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The health group {@code group}, such as {@code readiness}, which answers 200 when UP and 503 when not. */
    JsonNode health(String group) {
        HttpResponse<String> response = get("/actuator/health/" + group);
        assertThat(response.statusCode()).as("GET /actuator/health/%s: %s", group, response.body()).isIn(200, 503);
        return JSON.readTree(response.body());
    }

    /** Sends the app {@code SIGTERM}, as a terminal's Ctrl-C or Kubernetes would, and waits until it exits. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            fail("The app did not exit within " + SHUTDOWN_TIMEOUT.toSeconds() + "s of SIGTERM:\n" + log());
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(SHUTDOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Calling the app failed; its log:\n" + log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
