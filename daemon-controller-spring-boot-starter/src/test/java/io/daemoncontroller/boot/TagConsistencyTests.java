package io.daemoncontroller.boot;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.daemoncontroller.boot.test.Actuator;
import io.daemoncontroller.boot.test.WebApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tag selects the same daemons everywhere: {@link Daemons#withTag}, the endpoint's {@code @tag} for reading and
 * for acting, and the {@code daemons-<tag>} health group. The daemons are watched only (lifecycle none), each
 * pinging a socket of the test.
 */
class TagConsistencyTests {

    private static final String DAEMONS = "daemon-controller.daemons.";

    @Test
    void aTagSelectsTheSameDaemonsInTheRegistryTheEndpointAndHealth() throws Exception {
        try (ServerSocket up = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
                        .properties("server.port=0", "server.address=127.0.0.1",
                                "management.endpoints.web.exposure.include=health,daemons",
                                "management.endpoint.health.show-details=always",
                                "management.endpoint.daemons.access=unrestricted",
                                "daemon-controller.defaults.lifecycle=none",
                                "daemon-controller.defaults.tags=backend",
                                "daemon-controller.defaults.ping=tcp://127.0.0.1:" + up.getLocalPort(),
                                DAEMONS + "search.tags=web", DAEMONS + "queue.tags=web,jobs",
                                DAEMONS + "queue.ping=tcp://127.0.0.1:1", DAEMONS + "cache.lifecycle=none")
                        .run()) {
            Daemons daemons = context.getBean(Daemons.class);
            Actuator actuator = Actuator.of(context);
            Map<String, List<String>> expected = Map.of("web", List.of("search", "queue"), "jobs", List.of("queue"),
                    "backend", List.of("cache"));
            expected.forEach((tag, names) -> {
                List<String> selected = daemons.withTag(tag).stream().map(ManagedDaemon::name).toList();
                assertThat(selected).as("Daemons.withTag(%s)", tag).containsExactlyInAnyOrderElementsOf(names);
                assertThat(actuator.<List<String>>read("/actuator/daemons/@" + tag, "$.daemons[*].name"))
                        .as("GET /actuator/daemons/@%s", tag).isEqualTo(selected);
                assertThat(JsonPath.<List<String>>read(actuator.post("/actuator/daemons/@" + tag, "stop").body(),
                        "$.results[*].daemon")).as("POST /actuator/daemons/@%s", tag).isEqualTo(selected);
                assertThat(actuator.<Map<String, Object>>read("/actuator/health/daemons-" + tag,
                        "$.components.daemons.components")).as("GET /actuator/health/daemons-%s", tag)
                        .containsOnlyKeys(selected);
            });
            assertThat(actuator.<List<String>>read("/actuator/health", "$.groups"))
                    .contains("daemons-web", "daemons-jobs", "daemons-backend");
            HttpResponse<String> web = actuator.get("/actuator/health/daemons-web");
            assertThat(web.statusCode()).as("queue does not answer").isEqualTo(503);
            assertThat(JsonPath.<String>read(web.body(), "$.status")).isEqualTo("DOWN");
            assertThat(actuator.get("/actuator/health/daemons-backend").statusCode()).isEqualTo(200);
        }
    }
}
