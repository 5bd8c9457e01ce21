package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(NoLeftoverTestDaemons.class)
class StartTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void returnsOnceTheDaemonAnswersItsPing() throws Exception {
        DaemonController controller = sandbox.controller(
                sandbox.daemon().listenDelay(Duration.ofMillis(700)).shellCommand()).build();

        controller.start();

        try (Socket socket = new Socket("127.0.0.1", sandbox.port)) {
            assertThat(Sandbox.echo(socket, "hello")).isEqualTo("hello");
        }
        assertThat(controller.isRunning()).isTrue();
        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        assertThat(controller.answersPing()).isTrue();
        controller.stop();
    }

    @Test
    void waitsForThePidFileEvenWhenThePingAlreadyAnswers() {
        DaemonController controller = sandbox.controller(
                        sandbox.daemon().pidFileDelay(Duration.ofMillis(700)).shellCommand())
                .ping(Ping.command("true"))
                .build();

        controller.start();

        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void waitsForTheStartCommandToExit() {
        Path finished = sandbox.dir.resolve("finished");
        DaemonController controller = sandbox.controller(sandbox.daemon().shellCommand()
                + "\nsleep 1; echo done > " + shellQuote(finished.toString())).build();

        controller.start();

        assertThat(finished).exists();
        controller.stop();
    }

    @Test
    void throwsAlreadyStartedWhenTheDaemonRuns() {
        DaemonController controller = sandbox.controller().build();
        controller.start();

        assertThatThrownBy(controller::start)
                .isInstanceOfSatisfying(AlreadyStartedException.class, ex -> {
                    assertThat(ex.pid()).isEqualTo(sandbox.daemonPid());
                    assertThat(ex.identifier()).isEqualTo(controller.identifier());
                })
                .hasMessageContaining(controller.identifier());
        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a pid", "dead pid"})
    void deletesAnOldPidFileBeforeRunningTheStartCommand(String content) throws Exception {
        Sandbox.write(sandbox.pidFile, content.equals("dead pid") ? deadPid() + "\n" : content);
        String pidFile = shellQuote(sandbox.pidFile.toString());
        DaemonController controller = sandbox.controller("if [ -e " + pidFile + " ]; then echo 'old PID file is still"
                + " there'; exit 1; fi\n" + sandbox.daemon().shellCommand()).build();

        controller.start();

        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void runsBeforeStartBeforeTheStartCommand() {
        Path prepared = sandbox.dir.resolve("prepared");
        DaemonController controller = sandbox.controller("[ -e " + shellQuote(prepared.toString()) + " ] || { echo"
                        + " 'beforeStart has not run'; exit 1; }\n" + sandbox.daemon().shellCommand())
                .beforeStart(() -> Sandbox.write(prepared, "config"))
                .build();

        controller.start();

        assertThat(controller.isRunning()).isTrue();
        controller.stop();
    }

    @Test
    void runsTheStartCommandWithStdinFromDevNull() {
        DaemonController controller = sandbox.controller("[ \"$(readlink /proc/$$/fd/0)\" = /dev/null ] || { echo"
                + " \"stdin is $(readlink /proc/$$/fd/0)\"; exit 1; }\n" + sandbox.daemon().shellCommand()).build();

        controller.start();

        assertThat(controller.isRunning()).isTrue();
        controller.stop();
    }

    @Test
    void runsTheStartCommandWithTheEnvironmentAndInTheWorkingDirectory() {
        DaemonController controller = sandbox.controller("echo \"$GREETING\" > greeting.txt\n"
                        + sandbox.daemon().shellCommand())
                .environment(Map.of("GREETING", "hello from the environment"))
                .workingDirectory(sandbox.dir)
                .pidFile(Path.of("daemon.pid"))
                .build();

        controller.start();

        assertThat(Sandbox.read(sandbox.dir.resolve("greeting.txt"))).isEqualTo("hello from the environment\n");
        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void runsAListStartCommandWithoutAShell() throws Exception {
        Path script = sandbox.dir.resolve("start-daemon");
        Files.writeString(script, "#!/bin/sh\nprintf '%s' \"$1\" > "
                + shellQuote(sandbox.dir.resolve("argument").toString())
                + "\n" + sandbox.daemon().shellCommand() + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        DaemonController controller = sandbox.controller()
                .startCommand(List.of(script.toString(), "$HOME; echo not for a shell"))
                .build();

        controller.start();

        assertThat(Sandbox.read(sandbox.dir.resolve("argument"))).isEqualTo("$HOME; echo not for a shell");
        controller.stop();
    }

    @Test
    void startsADaemonThatAnswersOnAUnixSocket() throws Exception {
        Path socket = sandbox.dir.resolve("daemon.sock");
        DaemonController controller = sandbox.controller(
                        sandbox.daemon().unixSocket(socket).listenDelay(Duration.ofMillis(300)).shellCommand())
                .ping(Ping.unixSocket(socket))
                .build();

        controller.start();

        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("over unix\n".getBytes(StandardCharsets.UTF_8)));
            BufferedReader reader = new BufferedReader(new InputStreamReader(
                    Channels.newInputStream(channel), StandardCharsets.UTF_8));
            assertThat(reader.readLine()).isEqualTo("over unix");
        }
        controller.stop();
    }

    @Test
    void answersPingOnlyOnceTheDaemonListens() {
        DaemonController controller = sandbox.controller().build();
        assertThat(controller.answersPing()).isFalse();

        controller.start();

        assertThat(controller.answersPing()).isTrue();
        controller.stop();
    }

    static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
