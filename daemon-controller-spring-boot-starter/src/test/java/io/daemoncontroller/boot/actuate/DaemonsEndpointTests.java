package io.daemoncontroller.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import io.daemoncontroller.boot.DaemonDetails;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionDone;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionFailed;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionResult;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionResults;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.DaemonList;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.DaemonLog;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ErrorMessage;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The endpoint's operations, called directly; {@code DaemonsEndpointWebIntegrationTests} calls them over HTTP. */
class DaemonsEndpointTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class,
                        DaemonsEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=daemons",
                        "daemon-controller.daemons.sidecar.lifecycle=none",
                        "daemon-controller.daemons.sidecar.ping=tcp://127.0.0.1:1",
                        "daemon-controller.daemons.sidecar.tags=web",
                        "daemon-controller.daemons.broken.start-command=echo cannot start >&2; exit 2",
                        "daemon-controller.daemons.broken.ping=tcp://127.0.0.1:1",
                        "daemon-controller.daemons.broken.pid-file=" + directory.resolve("broken.pid"),
                        "daemon-controller.daemons.broken.log-file=" + directory.resolve("broken.log"),
                        "daemon-controller.daemons.broken.tags=web,jobs",
                        "daemon-controller.daemons.plain.start-command=plaind",
                        "daemon-controller.daemons.plain.ping=tcp://127.0.0.1:1",
                        "daemon-controller.daemons.plain.pid-file=" + directory.resolve("plain.pid"));
    }

    @Test
    void listsEveryDaemon() {
        run(endpoint -> assertThat(endpoint.daemons().daemons()).extracting(DaemonDetails::name)
                .containsExactly("sidecar", "broken", "plain"));
    }

    @Test
    void showsOneDaemonOrThoseWithATag() {
        run(endpoint -> {
            WebEndpointResponse<Object> one = endpoint.daemon("broken");
            assertThat(one.getStatus()).isEqualTo(200);
            assertThat(((DaemonDetails) one.getBody()).lifecycle()).isEqualTo("on-demand");
            WebEndpointResponse<Object> tagged = endpoint.daemon("@jobs");
            assertThat(((DaemonList) tagged.getBody()).daemons()).extracting(DaemonDetails::name)
                    .containsExactly("broken");
        });
    }

    @Test
    void answersNotFoundForAnUnknownDaemonOrTag() {
        run(endpoint -> {
            assertThat(endpoint.daemon("nope").getStatus()).isEqualTo(404);
            assertThat(((ErrorMessage) endpoint.daemon("nope").getBody()).error())
                    .isEqualTo("No daemon is named \"nope\"; the daemons are [sidecar, broken, plain]");
            assertThat(endpoint.daemon("@nope").getStatus()).isEqualTo(404);
            assertThat(endpoint.act("nope", "start").getStatus()).isEqualTo(404);
        });
    }

    @Test
    void answersBadRequestWithAMessageWithoutAnAction() {
        run(endpoint -> {
            WebEndpointResponse<Object> response = endpoint.act("broken", null);
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(((ErrorMessage) response.getBody()).error()).startsWith("No action: send {\"action\": ");
        });
    }

    @Test
    void answersBadRequestForAnUnknownAction() {
        run(endpoint -> {
            WebEndpointResponse<Object> response = endpoint.act("broken", "reboot");
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(((ErrorMessage) response.getBody()).error())
                    .isEqualTo("Unknown action \"reboot\": use start, stop or restart");
        });
    }

    @Test
    void refusesToActOnADaemonThatSomethingElseRuns() {
        run(endpoint -> {
            WebEndpointResponse<Object> response = endpoint.act("sidecar", "stop");
            assertThat(response.getStatus()).isEqualTo(409);
            assertThat(((ActionFailed) response.getBody()).error()).contains("has lifecycle none");
        });
    }

    @Test
    void reportsWhatEachActionDid() {
        run(endpoint -> {
            WebEndpointResponse<Object> stop = endpoint.act("broken", "stop");
            assertThat(stop.getStatus()).isEqualTo(200);
            assertThat(((ActionDone) stop.getBody()).result()).isEqualTo("not running");
            WebEndpointResponse<Object> start = endpoint.act("broken", "start");
            assertThat(start.getStatus()).isEqualTo(500);
            assertThat(((ActionFailed) start.getBody()).error()).contains("broken failed to start", "cannot start");
        });
    }

    @Test
    void actsOnEveryDaemonWithATag() {
        run(endpoint -> {
            WebEndpointResponse<Object> response = endpoint.act("@web", "stop");
            assertThat(response.getStatus()).isEqualTo(409);
            assertThat(((ActionResults) response.getBody()).results()).extracting(ActionResult::daemon,
                    ActionResult::getClass).containsExactly(tuple("sidecar", ActionFailed.class),
                    tuple("broken", ActionDone.class));
        });
    }

    @Test
    void showsTheLastLinesOfTheLogFile() throws IOException {
        Files.write(directory.resolve("broken.log"), IntStream.rangeClosed(1, 1500)
                .mapToObj(line -> "line " + line).toList());
        run(endpoint -> {
            assertThat(log(endpoint.log("broken", "log", "3"))).containsExactly("line 1498", "line 1499", "line 1500");
            assertThat(log(endpoint.log("broken", "log", null))).as("by default").hasSize(100)
                    .startsWith("line 1401").endsWith("line 1500");
            assertThat(log(endpoint.log("broken", "log", "1000"))).as("at most").hasSize(1000)
                    .startsWith("line 501").endsWith("line 1500");
            assertThat(((DaemonLog) endpoint.log("broken", "log", "1").getBody()).logFile())
                    .isEqualTo(directory.resolve("broken.log").toString());
        });
    }

    @Test
    void refusesALineCountOutsideOneToAThousandWithAMessage() {
        run(endpoint -> {
            WebEndpointResponse<Object> response = endpoint.log("broken", "log", "0");
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(((ErrorMessage) response.getBody()).error())
                    .isEqualTo("lines must be a number from 1 to 1000, not \"0\"");
            assertThat(endpoint.log("broken", "log", "-5").getStatus()).isEqualTo(400);
            assertThat(endpoint.log("broken", "log", "1001").getStatus()).isEqualTo(400);
            assertThat(((ErrorMessage) endpoint.log("broken", "log", "abc").getBody()).error())
                    .isEqualTo("lines must be a number from 1 to 1000, not \"abc\"");
        });
    }

    @Test
    void answersNotFoundWithoutALogFile() {
        run(endpoint -> {
            WebEndpointResponse<Object> notWritten = endpoint.log("broken", "log", null);
            assertThat(notWritten.getStatus()).isEqualTo(404);
            assertThat(((ErrorMessage) notWritten.getBody()).error()).contains("broken.log", "does not exist");
            WebEndpointResponse<Object> none = endpoint.log("plain", "log", null);
            assertThat(none.getStatus()).isEqualTo(404);
            assertThat(((ErrorMessage) none.getBody()).error())
                    .isEqualTo("Daemon \"plain\" has no log file; set daemon-controller.daemons.plain.log-file");
            assertThat(endpoint.log("nope", "log", null).getStatus()).isEqualTo(404);
            assertThat(endpoint.log("broken", "logs", null).getStatus()).isEqualTo(404);
        });
    }

    @Test
    void isOnlyAvailableWhenExposed() {
        runner().withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(DaemonsEndpoint.class));
    }

    @Test
    void needsTheActuator() {
        runner().withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DaemonsEndpoint.class));
    }

    private static List<String> log(WebEndpointResponse<Object> response) {
        assertThat(response.getStatus()).isEqualTo(200);
        return ((DaemonLog) response.getBody()).lines();
    }

    private void run(EndpointTest test) {
        runner().run(context -> test.accept(context.getBean(DaemonsEndpoint.class)));
    }

    @FunctionalInterface
    interface EndpointTest {
        void accept(DaemonsEndpoint endpoint);
    }
}
