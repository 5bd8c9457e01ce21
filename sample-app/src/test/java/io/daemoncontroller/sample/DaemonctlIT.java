package io.daemoncontroller.sample;

import io.daemoncontroller.cli.Daemonctl;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code daemonctl}, run as operators run it (a JVM of its own, on its classes alone), against the packaged sample
 * app: README's "daemonctl" commands on the sample's {@code kv} daemon.
 */
class DaemonctlIT {

    @TempDir
    Path directory;

    @RegisterExtension
    final SampleApps apps = new SampleApps();

    private SampleApp app;


    @Test
    void statusStartPidLogAndStopTheSamplesDaemon() throws Exception {
        app = apps.start(directory, "--app.kv.port=" + FreePorts.next());

        Run status = daemonctl("status", "kv");
        assertThat(status.exit()).isZero();
        assertThat(status.out()).startsWith("stopped  kv  ");

        Run start = daemonctl("start", "@sample");
        assertThat(start.exit()).as(start.err()).isZero();
        assertThat(start.out()).contains("kv: started");

        Run pid = daemonctl("pid", "kv");
        assertThat(pid.exit()).isZero();
        assertThat(pid.out().strip()).isEqualTo(Long.toString(Daemons.pid(app, "kv").orElseThrow()));
        assertThat(daemonctl("status", "kv").out()).startsWith("running  kv  ").contains("pid " + pid.out().strip());

        Await.until("kv's first log line through daemonctl", Duration.ofSeconds(10),
                () -> daemonctl("log", "kv", "-n", "5").out().contains("KeyValueServer: listening on"));

        Run stop = daemonctl("stop", "kv");
        assertThat(stop.exit()).isZero();
        assertThat(stop.out().strip()).isEqualTo("kv: stopped");
        assertThat(Daemons.pid(app, "kv")).isEmpty();
        assertThat(daemonctl("pid", "kv").exit()).as("no pid: exit 1").isEqualTo(1);
        assertThat(daemonctl("frob").exit()).as("an unknown command: exit 2").isEqualTo(2);
    }

    private Run daemonctl(String... args) {
        String classes = Path.of(Daemonctl.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classes, Daemonctl.class.getName(), "--url=" + app.uri("/actuator")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DAEMONCTL_URL");
        Path err = directory.resolve("daemonctl.err");
        builder.redirectError(err.toFile());
        try {
            Process process = builder.start();
            try {
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("daemonctl %s ends", List.of(args)).isTrue();
                return new Run(process.exitValue(), out, Files.readString(err));
            } finally {
                process.destroyForcibly();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private record Run(int exit, String out, String err) {
    }
}
