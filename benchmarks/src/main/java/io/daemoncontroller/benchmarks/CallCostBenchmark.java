package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.FreePorts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the core costs per call on a running daemon: {@code isRunning()}, and {@code connect()} next to the raw
 * socket connect it wraps (the difference is the overhead). Both connects go to an acceptor in this JVM that
 * accepts and closes as fast as it can, so that the figures measure the client side, not a test daemon's accept
 * loop; {@code connect()} never looks at which process answers when its first attempt succeeds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallCostBenchmark {

    private DaemonController controller;
    private ServerSocket acceptor;
    private int acceptorPort;

    @Setup(Level.Trial)
    public void startDaemon() throws IOException {
        Path dir = Files.createTempDirectory("daemon-controller-benchmark");
        int daemonPort = FreePorts.next();
        Path pidFile = dir.resolve("daemon.pid");
        controller = DaemonController.builder("benchmark daemon")
                .startCommand(TestDaemonCommand.testDaemon().port(daemonPort).pidFile(pidFile).shellCommand())
                .ping(Ping.tcp("127.0.0.1", daemonPort))
                .pidFile(pidFile)
                .build();
        controller.start();
        acceptor = new ServerSocket(0, 1024);
        acceptorPort = acceptor.getLocalPort();
        Thread accepting = new Thread(this::acceptAndClose, "acceptor");
        accepting.setDaemon(true);
        accepting.start();
    }

    private void acceptAndClose() {
        while (!acceptor.isClosed()) {
            try {
                acceptor.accept().close();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopDaemon() throws IOException {
        acceptor.close();
        controller.stop();
    }

    @Benchmark
    public boolean isRunning() {
        return controller.isRunning();
    }

    @Benchmark
    public boolean rawSocketConnect() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", acceptorPort)) {
            return socket.isConnected();
        }
    }

    @Benchmark
    public boolean controllerConnect() throws IOException {
        try (Socket socket = controller.connect(() -> new Socket("127.0.0.1", acceptorPort))) {
            return socket.isConnected();
        }
    }
}
