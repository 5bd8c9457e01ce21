package io.daemoncontroller.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.daemoncontroller.boot.test.Actuator;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** log-max-size and log-max-files under defaults, in a real application: a chatty daemon's log is rotated. */
@ExtendWith(NoLeftoverTestDaemons.class)
class LogRotationIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void rotatesTheLogOfADaemonizeForMeDaemonAndTheLogEndpointReadsAcrossTheRotation() throws IOException {
        Path log = directory.resolve("chatty.log");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class).properties(
                "server.port=0", "server.address=127.0.0.1", "logging.level.daemon=off",
                "management.endpoints.web.exposure.include=daemons",
                "daemon-controller.defaults.log-max-size=16KB", "daemon-controller.defaults.log-max-files=3",
                "daemon-controller.daemons.chatty.start-command=seq -f 'line %06.0f' 1 20000; exec sleep 600",
                "daemon-controller.daemons.chatty.daemonize-for-me=true",
                "daemon-controller.daemons.chatty.pid-file=" + directory.resolve("chatty.pid"),
                "daemon-controller.daemons.chatty.ping=exec:true",
                "daemon-controller.daemons.chatty.lifecycle=start-and-stop",
                "daemon-controller.daemons.own-log.lifecycle=none",
                "daemon-controller.daemons.own-log.pid-file=" + directory.resolve("own-log.pid"),
                "daemon-controller.daemons.own-log.ping=tcp://127.0.0.1:" + FreePorts.next()).run()) {
            Await.until("the last line in " + log, WAIT, () -> content(log).endsWith("line 020000\n"));

            assertThat(directory.resolve("chatty.log.1")).exists();
            assertThat(directory.resolve("chatty.log.2")).exists();
            assertThat(directory.resolve("chatty.log.3")).doesNotExist();
            for (Path file : List.of(log, directory.resolve("chatty.log.1"), directory.resolve("chatty.log.2"))) {
                assertThat(Files.size(file)).isLessThanOrEqualTo(16 * 1024);
            }
            int lines = 1_000;
            assertThat(Files.readAllLines(log)).as("the lines of the current log file").hasSizeLessThan(lines);
            List<String> tail = Actuator.of(context).read("/actuator/daemons/chatty/log?lines=" + lines, "$.lines");
            assertThat(tail).isEqualTo(IntStream.rangeClosed(20_000 - lines + 1, 20_000)
                    .mapToObj(number -> String.format("line %06d", number)).toList());
        }
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException betweenRotations) {
            return "";
        }
    }
}
