package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoLeftoverTestDaemons.class)
class RestartTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void stopsTheDaemonAndStartsANewOne() {
        DaemonController controller = sandbox.controller().build();
        controller.start();
        long first = sandbox.daemonPid();

        controller.restart();

        assertThat(sandbox.startedPids()).hasSize(2);
        long second = sandbox.startedPids().get(1);
        assertThat(TestProcesses.isAlive(first)).isFalse();
        assertThat(controller.pid()).hasValue(second);
        assertThat(sandbox.echo("restarted")).isEqualTo("restarted");
        controller.stop();
    }

    @Test
    void startsADaemonThatDoesNotRun() {
        DaemonController controller = sandbox.controller().build();

        controller.restart();

        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void runsTheRestartCommandInsteadOfStoppingAndStarting() {
        Path witness = sandbox.dir.resolve("restart-command-ran");
        DaemonController controller = sandbox.controller()
                .restartCommand("echo yes > " + shellQuote(witness.toString()))
                .build();
        controller.start();
        long pid = sandbox.daemonPid();

        controller.restart();

        assertThat(witness).exists();
        assertThat(sandbox.starts()).isEqualTo(1);
        assertThat(controller.pid()).hasValue(pid);
        controller.stop();
    }

    @Test
    void returnsFromTheRestartCommandOnlyOnceTheDaemonAnswers() {
        DaemonController controller = sandbox.controller()
                .restartCommand(sandbox.daemon().listenDelay(Duration.ofMillis(700)).shellCommand())
                .build();

        controller.restart();

        assertThat(sandbox.echo("answers")).isEqualTo("answers");
        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void reportsAFailingRestartCommand() {
        DaemonController controller = sandbox.controller()
                .restartCommand("echo 'cannot restart: config invalid'; exit 5")
                .build();
        controller.start();

        DaemonControllerException failure = catchThrowableOfType(controller::restart,
                DaemonControllerException.class);

        assertThat(failure.getMessage()).contains(controller.identifier(), "cannot restart: config invalid",
                "(exited with status 5)");
        controller.stop();
    }

    @Test
    void noCallerSlipsInBetweenTheStopAndTheStartOfARestart() throws Exception {
        DaemonController restarter = sandbox.controller(sandbox.daemon().stopDelay(Duration.ofMillis(500))
                .shellCommand()).build();
        DaemonController other = sandbox.controller(sandbox.daemon().shellCommand()).build();
        restarter.start();

        CompletableFuture<Void> restart = CompletableFuture.runAsync(restarter::restart);
        Await.until("the restart to stop the daemon", Duration.ofSeconds(10),
                () -> sandbox.log().contains("received SIGTERM"));
        try (Socket socket = other.connect(() -> new Socket("127.0.0.1", sandbox.port))) {
            assertThat(Sandbox.echo(socket, "after the restart")).isEqualTo("after the restart");
        }
        restart.get(20, TimeUnit.SECONDS);

        assertThat(sandbox.starts()).isEqualTo(2);
        assertThat(restarter.pid()).hasValue(sandbox.startedPids().get(1));
        restarter.stop();
    }

    @Test
    void aRestartCommandThatCannotBeRunLeavesARunningDaemonRunningAndNotStarting() throws Exception {
        Path directory = Files.createDirectory(sandbox.dir.resolve("commands-run-here"));
        DaemonController controller = sandbox.controller()
                .workingDirectory(directory)
                .restartCommand("true")
                .build();
        controller.start();
        Files.delete(directory);

        StartException failure = catchThrowableOfType(controller::restart, StartException.class);

        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_NOT_RUN);
        assertThat(controller.status().state()).isEqualTo(DaemonState.RUNNING);
        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void aStopWhoseMarkerCannotBeWrittenLeavesTheDaemonRunningAndNotStopping() throws Exception {
        DaemonController controller = sandbox.controller().build();
        controller.start();
        Path marker = sandbox.pidFile.resolveSibling(sandbox.pidFile.getFileName() + ".stopped");
        Files.createDirectories(marker.resolve("in-the-way"));

        catchThrowableOfType(controller::stop, DaemonControllerException.class);

        assertThat(controller.status().state()).isEqualTo(DaemonState.RUNNING);
        Files.delete(marker.resolve("in-the-way"));
        Files.delete(marker);
        controller.stop();
        assertThat(controller.status().state()).isEqualTo(DaemonState.STOPPED);
    }

    @Test
    void aDaemonFoundRunningCountsItsUptimeFromItsOwnStart() {
        DaemonController starter = sandbox.controller().build();
        starter.start();
        Instant afterStart = Instant.now();
        DaemonController finder = sandbox.controller().build();

        assertThat(finder.pid()).hasValue(sandbox.daemonPid());

        assertThat(finder.status().state()).isEqualTo(DaemonState.RUNNING);
        assertThat(finder.status().since()).as("since the daemon's process started").isBefore(afterStart);
        starter.stop();
    }
}
