package io.daemoncontroller.sample.postgres;

import io.daemoncontroller.boot.Daemons;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /notes} over HTTP, stored in the real PostgreSQL of the {@code postgres} profile. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@DirtiesContext
class NoteControllerTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Daemons daemons;

    @BeforeAll
    static void requirePostgres() {
        PostgresRequirement.check();
    }

    @Test
    void aPostedNoteIsCreatedWhereItsLocationSaysAndListed() throws Exception {
        HttpResponse<String> created = http.send(request("/notes").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("Hello, endpoint")).build(), BodyHandlers.ofString());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode note = JSON.readTree(created.body());
        assertThat(note.path("text").asString()).isEqualTo("Hello, endpoint");
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/notes/" + note.path("id").asLong());
        assertThat(JSON.readTree(get(location).body())).isEqualTo(note);
        assertThat(JSON.readTree(get("/notes").body())).contains(note);
    }

    @Test
    void anUnknownNoteIsNotFound() throws Exception {
        assertThat(get("/notes/" + Long.MAX_VALUE).statusCode()).isEqualTo(404);
    }

    @Test
    void runsOnThePostgresEveryTestClassShares() {
        SharedPostgres.assertSameServerAsEveryTestClass(daemons);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }
}
