package io.daemoncontroller.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.boot.test.WebApplication;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code daemonctl}, run in this JVM, against a real web application whose {@code daemons} endpoint controls a real
 * echo daemon ({@code echo}, tagged {@code web}), one whose start fails ({@code broken}) and one not started yet
 * ({@code later}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonctlIntegrationTests {

    @TempDir
    static Path directory;

    private TestDaemonProperties echo;

    private TestDaemonProperties later;

    private ConfigurableApplicationContext app;

    private CommandLine daemonctl;

    @BeforeAll
    void startApplication() {
        echo = TestDaemonProperties.echo("echo", directory).foreground().lifecycle("start-and-stop")
                .set("tags", "web");
        TestDaemonProperties broken = TestDaemonProperties.echo("broken", directory).foreground()
                .command(daemon -> daemon.crashBeforeListen(1)).set("start-timeout", "10s");
        later = TestDaemonProperties.echo("later", directory).foreground().lifecycle("on-demand");
        app = application(echo.map(), broken.map(), later.map());
        daemonctl = new CommandLine("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort()
                + "/actuator");
    }

    @AfterAll
    void stopApplication() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void statusPrintsOneLinePerDaemonWithStateNameSinceAndPid() {
        CommandLine.Run all = daemonctl.run("status");
        assertThat(all.exit()).isEqualTo(Exit.OK);
        assertThat(all.out().lines()).hasSize(3);
        assertThat(all.out().lines().toList().get(0)).matches("running  echo    \\d+ seconds? ago \\(\\d{4}-\\d\\d-\\d\\d "
                + "\\d\\d:\\d\\d:\\d\\d\\)  pid " + echo.livePid().orElseThrow());
        assertThat(all.out().lines().toList().get(1)).startsWith("stopped  broken  ");
        assertThat(all.out().lines().toList().get(2)).startsWith("stopped  later   ");
        assertThat(daemonctl.run("status", "@web").out().lines()).singleElement().asString()
                .startsWith("running  echo  ");
        assertThat(daemonctl.run("status", "broken").out().lines()).singleElement().asString()
                .startsWith("stopped  broken  ");
    }

    @Test
    void pidPrintsThePidAloneForKill() {
        CommandLine.Run pid = daemonctl.run("pid", "echo");
        assertThat(pid.exit()).isEqualTo(Exit.OK);
        assertThat(pid.out()).isEqualTo(echo.livePid().orElseThrow() + System.lineSeparator());
        assertThat(pid.err()).isEmpty();
    }

    @Test
    void stopStartAndRestartTheRealDaemonByNameAndTag() {
        long firstPid = echo.livePid().orElseThrow();
        CommandLine.Run stop = daemonctl.run("stop", "echo");
        assertThat(stop.exit()).isEqualTo(Exit.OK);
        assertThat(stop.out()).isEqualTo("echo: stopped" + System.lineSeparator());
        assertThat(echo.livePid()).isEmpty();
        assertThat(echo.answers()).isFalse();

        CommandLine.Run pidOfStopped = daemonctl.run("pid", "echo");
        assertThat(pidOfStopped.exit()).isEqualTo(Exit.FAILED);
        assertThat(pidOfStopped.out()).isEmpty();
        assertThat(pidOfStopped.err()).isEqualTo("daemonctl: Daemon \"echo\" has no pid: it is stopped; daemonctl "
                + "start echo starts it" + System.lineSeparator());
        assertThat(daemonctl.run("stop", "echo").out()).isEqualTo("echo: not running" + System.lineSeparator());

        CommandLine.Run start = daemonctl.run("start", "echo");
        assertThat(start.exit()).isEqualTo(Exit.OK);
        assertThat(start.out()).isEqualTo("echo: started" + System.lineSeparator());
        assertThat(echo.answers()).isTrue();

        long startedPid = echo.livePid().orElseThrow();
        CommandLine.Run restart = daemonctl.run("restart", "@web");
        assertThat(restart.exit()).isEqualTo(Exit.OK);
        assertThat(restart.out()).isEqualTo("echo: restarted" + System.lineSeparator());
        assertThat(echo.livePid().orElseThrow()).isNotIn(startedPid, firstPid);
        assertThat(echo.answers()).isTrue();
    }

    @Test
    void aDaemonThatFailsToStartExitsWith1AndTheEvidence() {
        CommandLine.Run start = daemonctl.run("start", "broken");
        assertThat(start.exit()).isEqualTo(Exit.FAILED);
        assertThat(start.out()).isEmpty();
        assertThat(start.err()).startsWith("broken: start failed: ").contains("exited with status 1");
    }

    @Test
    void logPrintsTheLastLinesAndFollowsTheLinesTheDaemonWritesNext() throws Exception {
        CommandLine.Run last = daemonctl.run("log", "echo", "-n", "1");
        assertThat(last.exit()).isEqualTo(Exit.OK);
        assertThat(last.out().lines()).containsExactly(lastLine(echo.logFile()));

        CommandLine.Run follow = daemonctl.start("log", "echo", "-f");
        Await.until("the log's last line printed", Duration.ofSeconds(10),
                () -> follow.out().contains(lastLine(echo.logFile())));
        assertThat(daemonctl.run("restart", "echo").exit()).isEqualTo(Exit.OK);
        String startedLine = "started, pid " + echo.livePid().orElseThrow();
        Await.until("the restarted daemon's line printed", Duration.ofSeconds(10),
                () -> follow.out().contains(startedLine));
        String listening = lastLine(echo.logFile());
        Await.until("the line after it printed", Duration.ofSeconds(10), () -> follow.out().contains(listening));
        follow.interrupt();
        assertThat(follow.exit()).isEqualTo(Exit.OK);
        assertThat(follow.out().lines()).as("every line of the log once, in order")
                .containsExactlyElementsOf(Files.readAllLines(echo.logFile()));
        assertThat(follow.err()).isEmpty();
    }

    @Test
    void followingALogFileNotWrittenYetWaitsForItAsTailFDoes() throws Exception {
        assertThat(later.logFile()).doesNotExist();
        CommandLine.Run follow = daemonctl.start("log", "later", "-f");
        try {
            Await.until("daemonctl to say it waits", Duration.ofSeconds(10), () -> follow.err().equals("daemonctl: "
                    + "later's log file, " + later.logFile() + ", does not exist yet; waiting for it"
                    + System.lineSeparator()));
            assertThat(daemonctl.run("start", "later").exit()).isEqualTo(Exit.OK);
            Await.until("the log's lines printed", Duration.ofSeconds(10),
                    () -> !lastLine(later.logFile()).isEmpty() && follow.out().contains(lastLine(later.logFile())));
            follow.interrupt();
            assertThat(follow.exit()).isEqualTo(Exit.OK);
            assertThat(follow.out().lines()).as("every line of the log once, in order")
                    .containsExactlyElementsOf(Files.readAllLines(later.logFile()));
        } finally {
            follow.interrupt();
            daemonctl.run("stop", "later");
        }
    }

    @Test
    void aLogLineCountTheEndpointRefusesIsAUsageErrorNamingTheOptionAndTheEndpointsLimit() {
        CommandLine.Run log = daemonctl.run("log", "echo", "-n", "5000");
        assertThat(log.exit()).isEqualTo(Exit.USAGE);
        assertThat(log.err()).isEqualTo("daemonctl: -n 5000 is refused: lines must be a number from 1 to 1000, not "
                + "\"5000\" (daemonctl --help shows the commands and options)" + System.lineSeparator());
    }

    @Test
    void anUnknownDaemonExitsWith1NamingTheKnownOnes() {
        for (String[] args : new String[][] {{"status", "nope"}, {"start", "nope"}, {"pid", "nope"},
                {"log", "nope"}, {"log", "nope", "-f"}}) {
            CommandLine.Run run = daemonctl.run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(Exit.FAILED);
            assertThat(run.err()).as(String.join(" ", args)).isEqualTo("daemonctl: No daemon is named \"nope\"; the "
                    + "daemons are [echo, broken, later]" + System.lineSeparator());
        }
        CommandLine.Run tag = daemonctl.run("stop", "@nope");
        assertThat(tag.exit()).isEqualTo(Exit.FAILED);
        assertThat(tag.err()).contains("No daemon is tagged \"nope\"");
    }

    @Test
    void anUnknownCommandExitsWith2WithAHint() {
        CommandLine.Run run = daemonctl.run("reboot", "echo");
        assertThat(run.exit()).isEqualTo(Exit.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("daemonctl: Unknown command \"reboot\": use status, start, stop, restart, pid, "
                + "log or help (daemonctl --help shows the commands and options)" + System.lineSeparator());
    }

    @Test
    void anUnreachableUrlExitsWith3NamingTheUrl() {
        int port = FreePorts.next();
        CommandLine.Run run = new CommandLine("http://127.0.0.1:" + port + "/actuator").run("status");
        assertThat(run.exit()).isEqualTo(Exit.UNREACHABLE);
        assertThat(run.err()).isEqualTo("daemonctl: Cannot reach http://127.0.0.1:" + port + "/actuator/daemons: "
                + "connection refused; is the app running, and is --url (or DAEMONCTL_URL) its actuator?"
                + System.lineSeparator());
    }

    private static String lastLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @SafeVarargs
    private static ConfigurableApplicationContext application(Map<String, ?>... properties) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(WebApplication.class).properties(
                "server.port=0", "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health,daemons",
                "management.endpoint.daemons.access=unrestricted");
        for (Map<String, ?> some : properties) {
            builder.properties(new LinkedHashMap<String, Object>(some));
        }
        return builder.run();
    }
}
