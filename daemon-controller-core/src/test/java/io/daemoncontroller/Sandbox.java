package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.ChildJvm;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.PortOwners;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's world: a temporary directory holding the daemon's PID, log and count files, a free port, and
 * builders for a test daemon and a controller that agree on them. Every process a test starts mentions the
 * directory or the port, listens on the port, or descends from such a process, so {@link #killEverything()} finds
 * them all, real daemons that rewrite their title included. Registered as an extension
 * ({@code @RegisterExtension final Sandbox sandbox = new Sandbox();}), after each test (and after the test class's
 * own {@code @AfterEach} methods) it stops every controller built through {@link #build}, so that none restarts
 * what it kills next, kills everything, and deletes the directory.
 */
final class Sandbox implements AfterEachCallback {

    final Path dir;
    final int port;
    final Path pidFile;
    final Path logFile;
    final Path countFile;
    private final List<DaemonController> controllers = new ArrayList<>();

    Sandbox() {
        try {
            this.dir = Files.createTempDirectory("daemon-controller-test");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.port = FreePorts.next();
        this.pidFile = dir.resolve("daemon.pid");
        this.logFile = dir.resolve("daemon.log");
        this.countFile = dir.resolve("starts.txt");
    }

    /** A test daemon that listens on the port and writes the PID, log and count files. */
    TestDaemonCommand daemon() {
        return testDaemon().port(port).pidFile(pidFile).logFile(logFile).countFile(countFile);
    }

    /** A controller for {@code startCommand} with short timeouts, pinging the port, using the PID and log files. */
    DaemonController.Builder controller(String startCommand) {
        return DaemonController.builder("test daemon in " + dir.getFileName())
                .startCommand(startCommand)
                .ping(Ping.tcp("127.0.0.1", port))
                .pidFile(pidFile)
                .logFile(logFile)
                .startTimeout(Duration.ofSeconds(5))
                .startAbortTimeout(Duration.ofSeconds(1))
                .stopTimeout(Duration.ofSeconds(5));
    }

    /** A controller that starts {@link #daemon()} through the shell. */
    DaemonController.Builder controller() {
        return controller(daemon().shellCommand());
    }

    /** How many times a test daemon started, by its count file. */
    int starts() {
        return startedPids().size();
    }

    /** The pids of the test daemons that started, in order. */
    List<Long> startedPids() {
        if (!Files.exists(countFile)) {
            return List.of();
        }
        return read(countFile).lines().map(Long::parseLong).toList();
    }

    /** The pid of the one test daemon that started. */
    long daemonPid() {
        List<Long> pids = startedPids();
        if (pids.size() != 1) {
            throw new AssertionError("expected one test daemon start, found " + pids);
        }
        return pids.get(0);
    }

    /** Sends {@code line} to the daemon over TCP and returns its echo; fails if nothing listens. */
    String echo(String line) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return echo(socket, line);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String echo(Socket socket, String line) throws IOException {
        socket.setSoTimeout(5000);
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    /**
     * Starts a {@link ControllerClient} JVM for this sandbox's daemon, with {@code options} ({@code key=value}) added
     * to the PID file and port; its output goes to {@code <name>.out} in the directory.
     */
    Process client(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("pidFile=" + pidFile, "port=" + port));
        args.addAll(List.of(options));
        return ChildJvm.start(dir.resolve(name + ".out"), ControllerClient.class, args.toArray(String[]::new));
    }

    /** Waits for the client {@code name} to exit and returns its output; fails if it does not exit in time. */
    String awaitClient(String name, Process client) throws InterruptedException {
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("client " + name + " did not exit within 60 s:\n" + clientOutput(name));
        }
        return clientOutput(name);
    }

    String clientOutput(String name) {
        Path output = dir.resolve(name + ".out");
        return Files.exists(output) ? read(output) : "";
    }

    String log() {
        return Files.exists(logFile) ? read(logFile) : "";
    }

    /**
     * The live processes of this test: those whose command line mentions the directory or the port (a daemon that
     * rewrote its title, such as {@code redis-server 127.0.0.1:6379}, still names its port), those listening on the
     * port (an nginx worker whose title names neither), and the descendants of all of them.
     */
    List<ProcessHandle> processes() {
        Pattern portWord = Pattern.compile("\\b" + port + "\\b");
        long self = ProcessHandle.current().pid();
        Set<ProcessHandle> found = new LinkedHashSet<>();
        ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> {
                    String commandLine = TestProcesses.commandLine(process);
                    return commandLine.contains(dir.toString()) || portWord.matcher(commandLine).find();
                })
                .forEach(found::add);
        found.addAll(PortOwners.listeningOn(port));
        for (ProcessHandle process : List.copyOf(found)) {
            process.descendants().forEach(found::add);
        }
        return found.stream().filter(process -> TestProcesses.isAlive(process.pid())).toList();
    }

    /** Starts {@code controller} while another listener holds this sandbox's port; returns how the start failed. */
    StartException startWithPortTaken(DaemonController controller) {
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return catchThrowableOfType(controller::start, StartException.class);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The command lines of the test's {@link #processes() processes} still alive, with their pids. */
    List<String> leftovers() {
        return processes().stream().map(process -> process.pid() + " " + TestProcesses.commandLine(process)).toList();
    }

    /** Kills every {@link #processes() process} of this test: its daemons and their workers, wrappers, child JVMs. */
    void killEverything() {
        TestProcesses.killAll("the processes of " + dir, processes());
    }

    /** Builds the controller, to be stopped after the test. */
    DaemonController build(DaemonController.Builder builder) {
        DaemonController controller = builder.build();
        controllers.add(controller);
        return controller;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (DaemonController controller : controllers) {
            try {
                controller.stop();
            } catch (RuntimeException ex) {
                // The test has failed already, or will; what matters is that nothing is left running.
            }
        }
        killEverything();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
