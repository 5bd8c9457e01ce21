package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoLeftoverTestDaemons.class)
class ConnectTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void startsAStoppedDaemonAndReturnsTheConnection() throws Exception {
        DaemonController controller = sandbox.controller().build();

        try (Socket socket = controller.connect(this::openSocket)) {
            assertThat(Sandbox.echo(socket, "first contact")).isEqualTo("first contact");
        }

        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @Test
    void usesARunningDaemonWithoutStartingAnother() throws Exception {
        DaemonController controller = sandbox.controller().build();
        controller.start();

        try (Socket socket = controller.connect(this::openSocket)) {
            assertThat(Sandbox.echo(socket, "again")).isEqualTo("again");
        }

        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @Test
    void startsTheDaemonWhenTheConnectorReturnsNull() throws Exception {
        DaemonController controller = sandbox.controller().build();

        try (Socket socket = controller.connect(() -> {
            try {
                return openSocket();
            } catch (ConnectException refused) {
                return null;
            }
        })) {
            assertThat(Sandbox.echo(socket, "after null")).isEqualTo("after null");
        }
        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @Test
    void startsTheDaemonWhenAConnectFailureIsDeepInTheCauseChain() throws Exception {
        DaemonController controller = sandbox.controller().build();

        try (Socket socket = controller.connect(() -> {
            try {
                return openSocket();
            } catch (ConnectException refused) {
                throw new IllegalStateException("client failed", new IOException("transport failed", refused));
            }
        })) {
            assertThat(Sandbox.echo(socket, "wrapped")).isEqualTo("wrapped");
        }
        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @Test
    void startsADaemonWhoseUnixSocketFileIsMissing() throws Exception {
        Path socket = sandbox.dir.resolve("daemon.sock");
        DaemonController controller = sandbox.controller(sandbox.daemon().unixSocket(socket).shellCommand())
                .ping(Ping.unixSocket(socket))
                .build();

        try (SocketChannel channel = controller.connect(() -> {
            SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                opened.connect(UnixDomainSocketAddress.of(socket));
                return opened;
            } catch (IOException ex) {
                opened.close();
                throw ex;
            }
        })) {
            assertThat(channel.isConnected()).isTrue();
        }
        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @Test
    void failsWithTheCauseWhenTheConnectorStillCannotConnectOnceTheDaemonRuns() {
        int nothingListens = FreePorts.next();
        DaemonController controller = sandbox.controller().build();
        AtomicInteger calls = new AtomicInteger();

        ConnectFailedException failure = catchThrowableOfType(() -> controller.connect(() -> {
            calls.incrementAndGet();
            return new Socket("127.0.0.1", nothingListens);
        }), ConnectFailedException.class);

        assertThat(failure).hasMessageContaining(controller.identifier()).hasCauseInstanceOf(ConnectException.class);
        assertThat(calls).hasValue(2);
        assertThat(sandbox.starts()).isEqualTo(1);
        controller.stop();
    }

    @Test
    void failsWhenTheConnectorStillReturnsNullOnceTheDaemonRuns() {
        DaemonController controller = sandbox.controller().build();

        ConnectFailedException failure = catchThrowableOfType(() -> controller.connect(() -> null),
                ConnectFailedException.class);

        assertThat(failure).hasMessageContaining(controller.identifier());
        controller.stop();
    }

    @Test
    void passesOtherFailuresThroughWithoutStartingTheDaemon() {
        DaemonController controller = sandbox.controller().build();
        IOException protocolError = new IOException("unexpected greeting");

        IOException failure = catchThrowableOfType(() -> controller.connect(() -> {
            throw protocolError;
        }), IOException.class);

        assertThat(failure).isSameAs(protocolError);
        assertThat(sandbox.starts()).isZero();
    }

    @Test
    void recognizesConfiguredConnectFailureTypes() throws Exception {
        DaemonController controller = sandbox.controller()
                .connectFailures(List.of(ClientUnavailableException.class))
                .build();

        try (Socket socket = controller.connect(() -> {
            try {
                return openSocket();
            } catch (ConnectException refused) {
                throw new ClientUnavailableException();
            }
        })) {
            assertThat(Sandbox.echo(socket, "custom")).isEqualTo("custom");
        }
        assertThat(controller.isConnectFailure(new ClientUnavailableException())).isTrue();
        assertThat(controller.isConnectFailure(new IOException("other"))).isFalse();
        controller.stop();
    }

    @Test
    void recognizesConnectionFailuresAnywhereInTheCauseChain() {
        DaemonController controller = sandbox.controller().build();

        assertThat(controller.isConnectFailure(new ConnectException("Connection refused"))).isTrue();
        assertThat(controller.isConnectFailure(new NoRouteToHostException("No route to host"))).isTrue();
        assertThat(controller.isConnectFailure(new SocketTimeoutException("Connect timed out"))).isTrue();
        assertThat(controller.isConnectFailure(new NoSuchFileException("/run/daemon.sock"))).isTrue();
        assertThat(controller.isConnectFailure(
                new IllegalStateException("client", new IOException("io", new ConnectException("refused"))))).isTrue();
        assertThat(controller.isConnectFailure(new SocketException("Connection reset"))).isFalse();
        assertThat(controller.isConnectFailure(new SocketTimeoutException("Read timed out"))).isFalse();
        assertThat(controller.isConnectFailure(new IOException("unexpected greeting"))).isFalse();
    }

    private Socket openSocket() throws IOException {
        return new Socket("127.0.0.1", sandbox.port);
    }

    private static final class ClientUnavailableException extends RuntimeException {
    }
}
