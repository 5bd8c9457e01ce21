package io.daemoncontroller.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged {@code daemonctl.jar} and the {@code daemonctl} script as an operator runs them, each in a JVM of its
 * own, against a running app: their exit statuses, and how long {@code java -jar daemonctl.jar status} takes, printed.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonctlJarIT {

    private static final int TIMED_RUNS = 5;

    private static final Path JAR = Path.of(System.getProperty("daemonctl.jar", "target/daemonctl.jar"));

    private static final Path SCRIPT = Path.of(System.getProperty("daemonctl.script", "target/daemonctl"));

    @TempDir
    Path directory;

    @Test
    void theJarAndTheScriptControlARunningAppWithTheirExitStatuses() throws Exception {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .lifecycle("start-and-stop");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WebApplication.class).properties(
                "server.port=0", "server.address=127.0.0.1", "management.endpoints.web.exposure.include=daemons",
                "management.endpoint.daemons.access=unrestricted").properties(Map.copyOf(echo.map())).run()) {
            String url = "--url=http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
                    + "/actuator";
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < TIMED_RUNS; i++) {
                long start = System.nanoTime();
                Result status = java(url, "status");
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertThat(status.exit()).isZero();
                assertThat(status.out()).startsWith("running  echo  ");
            }
            System.out.println("java -jar daemonctl.jar status, wall time of each of " + TIMED_RUNS + " runs (ms): "
                    + millis);

            Result pid = script(url, "pid", "echo");
            assertThat(pid.exit()).isZero();
            assertThat(pid.out().strip()).isEqualTo(Long.toString(echo.livePid().orElseThrow()));
            Result stop = script(url, "stop", "echo");
            assertThat(stop.exit()).isZero();
            assertThat(stop.out()).isEqualTo("echo: stopped\n");
            assertThat(echo.livePid()).isEmpty();
            assertThat(script(url, "pid", "echo").exit()).as("pid of a stopped daemon").isEqualTo(1);
            assertThat(script(url, "start", "nope").exit()).as("an unknown daemon").isEqualTo(1);
            Result usage = java(url, "reboot");
            assertThat(usage.exit()).isEqualTo(2);
            assertThat(usage.err()).startsWith("daemonctl: Unknown command \"reboot\"");
        }
        Result unreachable = java("--url=http://127.0.0.1:" + FreePorts.next() + "/actuator", "status");
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(unreachable.err()).contains("Cannot reach http://127.0.0.1:");
        assertThat(echo.livePid()).isEmpty();
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result script(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("DAEMONCTL_URL");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end");
        }
        return new Result(process.exitValue(), out, err);
    }

    private record Result(int exit, String out, String err) {
    }
}
