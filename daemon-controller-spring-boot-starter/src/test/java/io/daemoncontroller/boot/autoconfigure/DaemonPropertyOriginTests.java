package io.daemoncontroller.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/** A bad value in application.yml is reported with the file and line it was written on. */
@ExtendWith(OutputCaptureExtension.class)
class DaemonPropertyOriginTests {

    @TempDir
    Path directory;

    @Test
    void aValueTheBuilderRefusesIsReportedWithItsLine(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                      stop-timeout: 0s
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.search.stop-timeout", "Value: \"0s\"",
                "application.yml] - 7:21", "must be a positive duration", "a duration longer than zero");
    }

    @Test
    void aUserThatDoesNotExistIsReportedWithItsLineAndHowToCreateIt(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  defaults:
                    user: no-such-user
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                """);

        assertThat(output).contains("Property: daemon-controller.defaults.user", "Value: \"no-such-user\"",
                "application.yml] - 3:11", "is not a user of this system", "useradd --system no-such-user");
    }

    @Test
    void anUnknownServiceIsReportedWithItsLine(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                      service: sphinx
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.search.service", "Value: \"sphinx\"",
                "application.yml] - 7:16", "it is not a service this starter knows", "or none");
    }

    @Test
    void aValueThatCannotBeConvertedIsReportedWithItsLine(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                      lifecycle: sometimes
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.search.lifecycle", "Value: \"sometimes\"",
                "application.yml] - 7:18", "one of on-demand, start-and-stop, start-only, none");
    }

    @Test
    void aPingOfNoKnownFormIsReportedWithItsLineAndWhatIsWrong(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost
                      pid-file: search.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.search.ping", "Value: \"tcp://localhost\"",
                "application.yml] - 5:13", "a tcp: ping needs a host and a port", "tcp://host:port, unix:");
    }

    @Test
    void aBadValueUnderDefaultsIsReportedAsTheDefaultWithItsLine(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  defaults:
                    stop-signal: TERMINATE
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                """);

        assertThat(output).contains("Property: daemon-controller.defaults.stop-signal", "Value: \"TERMINATE\"",
                "application.yml] - 3:18", "is not a signal name");
    }

    @Test
    void twoValuesThatConflictAreReportedWithTheLineOfTheOneThatIsWritten(CapturedOutput output)
            throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                      max-restart-delay: 500ms
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.search.max-restart-delay",
                "Value: \"500ms\"", "application.yml] - 7:26",
                "a value that agrees with daemon-controller.daemons.search.restart-delay");
    }

    @Test
    void aDependencyOnNoDaemonIsReportedWithTheLineOfTheListElement(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    index:
                      lifecycle: none
                      ping: tcp://localhost:9313
                    search:
                      start-command: searchd
                      ping: tcp://localhost:9312
                      pid-file: search.pid
                      depends-on:
                        - index
                        - serach
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.search.depends-on[1]",
                "Value: \"serach\"", "application.yml] - 12:11", "no daemon is named serach");
    }

    @Test
    void aReadyLogLineThatIsNotARegexIsReportedWithItsLineAndTheRegexError(CapturedOutput output)
            throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      start-command: redis-server --daemonize yes
                      ping: tcp://localhost:6379
                      pid-file: redis.pid
                      log-file: redis.log
                      ready-log-line: "Ready to accept connections ["
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.ready-log-line",
                "Value: \"Ready to accept connections [\"", "application.yml] - 8:23",
                "is not a valid regular expression: Unclosed character class at index 28",
                "a java.util.regex pattern");
    }

    @Test
    void aBadPingInAListIsReportedWithItsIndexAndLine(CapturedOutput output) throws IOException {
        failsToStart("""
                daemon-controller:
                  daemons:
                    redis:
                      start-command: redis-server --daemonize yes
                      ping: [tcp://localhost:6379, "exec:redis-cli ping", "tcp://localhost"]
                      pid-file: redis.pid
                """);

        assertThat(output).contains("Property: daemon-controller.daemons.redis.ping[2]",
                "Value: \"tcp://localhost\"", "application.yml] - 5:", "a tcp: ping needs a host and a port");
    }

    private void failsToStart(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("application.yml"), yaml);
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.location=file:" + file)
                .run().close());
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DaemonControllerAutoConfiguration.class)
    static class Application {
    }
}
