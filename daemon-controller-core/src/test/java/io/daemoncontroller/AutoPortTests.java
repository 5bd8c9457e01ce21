package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoLeftoverTestDaemons.class)
class AutoPortTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aNewPortIsFreeAndRecordedBesideThePidFile() throws IOException {
        AutoPort port = builder().chooseAutoPort();

        assertThat(port.choice()).isEqualTo(AutoPort.Choice.NEW);
        assertThat(port.file()).isEqualTo(sandbox.dir.resolve("daemon.pid.port"));
        assertThat(Files.readString(port.file())).isEqualTo(port.port() + "\n");
        try (ServerSocket listener = new ServerSocket(port.port())) {
            assertThat(listener.isBound()).isTrue();
        }
    }

    @Test
    void theDaemonThatRunsKeepsItsRecordedPortAlthoughThePortIsTaken() {
        AutoPort chosen = builder().chooseAutoPort();
        DaemonController controller = sandbox.build(daemonOn(chosen.port()));
        controller.start();

        AutoPort again = builder().chooseAutoPort();

        assertThat(again.port()).isEqualTo(chosen.port());
        assertThat(again.choice()).isEqualTo(AutoPort.Choice.RUNNING_DAEMON);
    }

    @Test
    void aRecordedPortIsReusedWhenTheDaemonIsGoneAndThePortFree() {
        AutoPort chosen = builder().chooseAutoPort();
        DaemonController controller = sandbox.build(daemonOn(chosen.port()));
        controller.start();
        controller.stop();

        AutoPort again = builder().chooseAutoPort();

        assertThat(again.port()).isEqualTo(chosen.port());
        assertThat(again.choice()).isEqualTo(AutoPort.Choice.RECORDED);
    }

    @Test
    void aRecordedPortThatSomethingElseTookIsReplacedWhenTheDaemonIsGone() throws IOException {
        AutoPort chosen = builder().chooseAutoPort();
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress("127.0.0.1", chosen.port()));

            AutoPort again = builder().chooseAutoPort();

            assertThat(again.port()).isNotEqualTo(chosen.port());
            assertThat(again.choice()).isEqualTo(AutoPort.Choice.NEW);
            assertThat(Files.readString(again.file()).strip()).isEqualTo(Integer.toString(again.port()));
        }
    }

    @Test
    void aRunningDaemonWithNoRecordedPortIsAnError() {
        DaemonController controller = sandbox.build(sandbox.controller());
        controller.start();

        assertThatThrownBy(() -> builder().chooseAutoPort()).isInstanceOf(DaemonControllerException.class)
                .hasMessageContaining("the daemon runs (PID file " + sandbox.pidFile + "), but no port was recorded "
                        + "for it in " + sandbox.pidFile + ".port");
    }

    @Test
    void withDaemonizeForMeAndNoPidFileThePortIsRecordedBesideTheDefaultPidFile() {
        String identifier = "auto port " + sandbox.dir.getFileName();
        AutoPort port = DaemonController.builder(identifier).daemonizeForMe(true).chooseAutoPort();
        try {
            assertThat(port.file()).isEqualTo(DaemonController.builder(identifier).startCommand("true")
                    .daemonizeForMe(true).port(port.port()).build().pidFile().resolveSibling(
                            "auto-port-" + sandbox.dir.getFileName().toString().toLowerCase() + ".pid.port"));
        } finally {
            port.file().toFile().delete();
            port.file().resolveSibling(port.file().getFileName().toString().replace(".port", ".lock")).toFile()
                    .delete();
        }
    }

    @Test
    void aPortPingsLocalhostOnItWhenNoPingIsSet() {
        DaemonController controller = DaemonController.builder("redis").startCommand("redis-server").port(6390)
                .daemonizeForMe(true).build();

        assertThat(controller.ping()).hasToString("tcp://localhost:6390");
        assertThat(controller.port()).hasValue(6390);
        assertThat(DaemonController.builder("redis").startCommand("redis-server").port(6390)
                .ping(Ping.command("redis-cli -p 6390 ping")).daemonizeForMe(true).build().ping())
                .hasToString("exec:redis-cli -p 6390 ping");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> DaemonController.builder("redis").port(70000))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("redis: port 70000 is not a TCP port; use a number from 1 to 65535");
    }

    private DaemonController.Builder builder() {
        return DaemonController.builder("test daemon").pidFile(sandbox.pidFile);
    }

    private DaemonController.Builder daemonOn(int port) {
        return sandbox.controller(testDaemon().port(port).pidFile(sandbox.pidFile).logFile(sandbox.logFile)
                .shellCommand()).ping(Ping.tcp("127.0.0.1", port)).stopTimeout(Duration.ofSeconds(10));
    }
}
