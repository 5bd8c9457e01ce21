package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.TestProcesses;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of {@link Ping} tells "up" from "not up yet", and none takes longer than its timeout. */
class PingTests {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration BOUND = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void tcpAnswersWhenSomethingListens() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertThat(Ping.tcp("127.0.0.1", server.getLocalPort()).answers()).isTrue();
        }
        assertThat(Ping.tcp("127.0.0.1", FreePorts.next()).answers()).isFalse();
    }

    @Test
    void unixSocketAnswersWhenSomethingListens() throws Exception {
        Path socket = dir.resolve("ping.sock");
        assertThat(Ping.unixSocket(socket).answers()).as("no socket file").isFalse();

        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            assertThat(Ping.unixSocket(socket).answers()).isTrue();
        }
        assertThat(socket).as("a socket file nobody listens on").exists();
        assertThat(Ping.unixSocket(socket).answers()).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} means up: {1}")
    @CsvSource({"200, true", "204, true", "302, true", "404, false", "500, false", "503, false"})
    void httpAnswersOnSuccessAndRedirectStatuses(int status, boolean up) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            URI health = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");
            assertThat(Ping.http(health).answers()).isEqualTo(up);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void httpDoesNotAnswerWhenNothingListensOrTheServerHangs() throws Exception {
        assertThat(Ping.http(URI.create("http://127.0.0.1:" + FreePorts.next() + "/")).answers()).isFalse();

        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Ping ping = Ping.http(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/")).withTimeout(SHORT);
            assertAnswersWithin(BOUND, ping, false);
        }
    }

    @Test
    void commandAnswersWhenItExitsWithStatusZero() throws Exception {
        assertThat(Ping.command("true").answers()).isTrue();
        assertThat(Ping.command("exit 3").answers()).isFalse();
        assertThat(Ping.command("no-such-ping-command").answers()).isFalse();
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() throws Exception {
        String hang = "sleep 60." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

        assertAnswersWithin(BOUND, Ping.command(hang + "; true").withTimeout(SHORT), false);

        Await.until("the killed command to be gone", Duration.ofSeconds(5),
                () -> TestProcesses.mentioning(hang).isEmpty());
    }

    @Test
    void aProbeAnswersWithAnythingButNullOrFalse() throws Exception {
        assertThat(Ping.of(() -> "ok").answers()).isTrue();
        assertThat(Ping.of(() -> true).answers()).isTrue();
        assertThat(Ping.of(() -> null).answers()).isFalse();
        assertThat(Ping.of(() -> false).answers()).isFalse();
    }

    @Test
    void aProbeResultThatCanBeClosedIsClosed() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        AutoCloseable connection = () -> closed.set(true);

        assertThat(Ping.of(() -> connection).answers()).isTrue();

        assertThat(closed).isTrue();
    }

    @Test
    void aConnectFailureOfAProbeMeansNotUpYet() throws Exception {
        assertThat(Ping.of(() -> {
            throw new ConnectException("Connection refused");
        }).answers()).isFalse();
        assertThat(Ping.of(() -> {
            throw new IllegalStateException("client", new IOException("io", new ConnectException("refused")));
        }).answers()).isFalse();
    }

    @Test
    void anyOtherFailureOfAProbeIsReported() {
        IllegalStateException broken = new IllegalStateException("misconfigured client");

        assertThatThrownBy(() -> Ping.of(() -> {
            throw broken;
        }).answers()).isSameAs(broken);
    }

    @Test
    void aHangingProbeIsAbandonedAtTheTimeout() throws Exception {
        Ping ping = Ping.of(() -> {
            LockSupport.parkNanos(Duration.ofSeconds(30).toNanos());
            return true;
        }).withTimeout(SHORT);

        assertAnswersWithin(BOUND, ping, false);
    }

    @Test
    void allOfAnswersWhenEveryPartAnswersAndStopsAtTheFirstThatDoesNot() throws Exception {
        AtomicBoolean probedAfterRefusal = new AtomicBoolean();
        Ping later = Ping.of(() -> probedAfterRefusal.getAndSet(true));

        assertThat(Ping.allOf(Ping.of(() -> true), Ping.command("true")).answers()).isTrue();
        assertThat(Ping.allOf(Ping.of(() -> true), Ping.of(() -> false), later).answers()).isFalse();
        assertThat(probedAfterRefusal).isFalse();
    }

    @Test
    void anyOfAnswersWhenOnePartAnswersAndReportsAFailureOnlyWhenNoneDoes() throws Exception {
        IllegalStateException broken = new IllegalStateException("misconfigured client");
        Ping failing = Ping.of(() -> {
            throw broken;
        });

        assertThat(Ping.anyOf(Ping.of(() -> false), failing, Ping.command("true")).answers()).isTrue();
        assertThat(Ping.anyOf(Ping.of(() -> false), Ping.command("false")).answers()).isFalse();
        assertThatThrownBy(() -> Ping.anyOf(failing, Ping.of(() -> false)).answers()).isSameAs(broken);
    }

    @Test
    void aComposedPingShowsItsPartsAndBoundsEachByTheTimeout() throws Exception {
        Ping hanging = Ping.of(() -> {
            LockSupport.parkNanos(Duration.ofSeconds(30).toNanos());
            return true;
        });
        int port = FreePorts.next();

        assertThat(Ping.allOf(Ping.tcp("127.0.0.1", port), Ping.command("redis-cli ping")))
                .hasToString("allOf(tcp://127.0.0.1:" + port + ", exec:redis-cli ping)");
        assertThat(Ping.anyOf(Ping.tcp("127.0.0.1", port), Ping.command("true")))
                .hasToString("anyOf(tcp://127.0.0.1:" + port + ", exec:true)");
        assertAnswersWithin(BOUND, Ping.anyOf(hanging, hanging).withTimeout(SHORT), false);
        assertAnswersWithin(BOUND, Ping.allOf(Ping.of(() -> true), hanging).withTimeout(SHORT), false);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(Ping::allOf).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allOf needs at least one ping");
        assertThatThrownBy(Ping::anyOf).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ping.tcp("127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ping.tcp("127.0.0.1", 65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ping.http(URI.create("ftp://127.0.0.1/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ping.tcp("127.0.0.1", 80).withTimeout(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertAnswersWithin(Duration bound, Ping ping, boolean expected) throws Exception {
        long began = System.nanoTime();
        boolean answered = ping.answers();
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(bound);
        assertThat(answered).isEqualTo(expected);
    }
}
