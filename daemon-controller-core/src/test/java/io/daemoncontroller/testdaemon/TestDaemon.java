package io.daemoncontroller.testdaemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A daemon for tests, in the spirit of the Ruby daemon_controller suite's echo server. It always runs in the
 * foreground (a JVM cannot fork); {@link TestDaemonCommand} daemonizes it through {@code setsid ... &} when a test
 * wants a daemon that goes into the background. In this order it:
 * <ol>
 * <li>appends its pid to {@code --count-file}, prints {@code --stdout-message}, appends {@code --log-message} to
 * {@code --log-file};</li>
 * <li>waits {@code --pid-file-delay} ms, writes its pid to {@code --pid-file} atomically;</li>
 * <li>waits {@code --listen-delay} ms (logging "still starting" every {@code --log-progress-interval} ms during
 * both delays, when given);</li>
 * <li>with {@code --crash-before-listen}, exits with {@code --exit-status} (default 1); with
 * {@code --exit-by-signal SIG}, kills itself with that signal;</li>
 * <li>listens on 127.0.0.1:{@code --port} (with {@code --reuse-port}, bound with {@code SO_REUSEPORT}, so that
 * several daemons share the port) and/or the UNIX socket {@code --unix-socket}, writes
 * {@link System#nanoTime()} to {@code --ready-file} once bound, and echoes every line it receives, after the line
 * {@code --greeting} on each TCP connection when given; while it
 * listens, waits {@code --ready-log-delay} ms and then logs {@code --ready-log-message}, when given.</li>
 * </ol>
 * On {@code SIGTERM} it logs, waits {@code --stop-delay} ms, removes its PID file if
 * {@code --remove-pid-file-on-exit}, writes {@link System#nanoTime()} to {@code --exit-file} as its last act and
 * exits with status 0; with {@code --ignore-term} it logs the signal and keeps running. Each step is logged to the
 * log file, when there is one.
 */
public final class TestDaemon {

    private final TestDaemonOptions options;
    private final long pid = ProcessHandle.current().pid();

    private TestDaemon(TestDaemonOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        TestDaemonOptions options;
        try {
            options = TestDaemonOptions.parse(args);
        } catch (IllegalArgumentException ex) {
            System.err.println("TestDaemon: " + ex.getMessage());
            System.exit(2);
            return;
        }
        new TestDaemon(options).run();
    }

    private void run() throws Exception {
        Signal.handle(new Signal("TERM"), signal -> onTerm());
        if (options.countFile != null) {
            append(options.countFile, pid + "\n");
        }
        if (options.stdoutMessage != null) {
            System.out.println(options.stdoutMessage);
            System.out.flush();
        }
        if (options.logMessage != null) {
            log(options.logMessage);
        }
        log("started, pid " + pid);
        pause(options.pidFileDelay);
        if (options.pidFile != null) {
            writeAtomically(options.pidFile, pid + "\n");
            log("wrote pid file " + options.pidFile);
        }
        pause(options.listenDelay);
        if (options.crashBeforeListen) {
            log("crashing with exit status " + options.exitStatus);
            removePidFileIfAsked();
            System.exit(options.exitStatus);
        }
        if (options.exitBySignal != null) {
            killSelf(options.exitBySignal);
        }
        listen();
    }

    private void listen() throws IOException {
        ServerSocket tcp = null;
        ServerSocketChannel unix = null;
        if (options.port != null) {
            tcp = new ServerSocket();
            if (options.reusePort) {
                tcp.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            tcp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), options.port), 128);
        }
        if (options.unixSocket != null) {
            Files.deleteIfExists(options.unixSocket);
            unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            unix.bind(UnixDomainSocketAddress.of(options.unixSocket));
        }
        long readyNanos = System.nanoTime();
        if (options.readyFile != null) {
            writeAtomically(options.readyFile, readyNanos + "\n");
        }
        log("listening" + (tcp != null ? " on 127.0.0.1:" + options.port : "")
                + (unix != null ? " on " + options.unixSocket : ""));
        if (tcp != null) {
            ServerSocket server = tcp;
            startThread("accept-tcp", () -> acceptTcp(server));
        }
        if (unix != null) {
            ServerSocketChannel server = unix;
            startThread("accept-unix", () -> acceptUnix(server));
        }
        if (tcp == null && unix == null) {
            startThread("idle", TestDaemon::idleForever);
        }
        if (options.readyLogMessage != null) {
            startThread("ready-log", () -> {
                TimeUnit.NANOSECONDS.sleep(options.readyLogDelay.toNanos());
                log(options.readyLogMessage);
            });
        }
    }

    private void acceptTcp(ServerSocket server) {
        while (true) {
            try {
                Socket socket = server.accept();
                startThread("echo", () -> echo(options.greeting, socket.getInputStream(), socket.getOutputStream(),
                        socket));
            } catch (IOException ex) {
                log("accept failed: " + ex);
            }
        }
    }

    private void acceptUnix(ServerSocketChannel server) {
        while (true) {
            try {
                SocketChannel channel = server.accept();
                startThread("echo", () -> echo(null, Channels.newInputStream(channel),
                        Channels.newOutputStream(channel), channel));
            } catch (IOException ex) {
                log("accept failed: " + ex);
            }
        }
    }

    private static void echo(String greeting, InputStream in, OutputStream out, AutoCloseable connection)
            throws Exception {
        try (connection) {
            if (greeting != null) {
                out.write((greeting + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException ex) {
            // The client went away; nothing to echo to.
        }
    }

    private void onTerm() {
        if (options.ignoreTerm) {
            log("ignoring SIGTERM");
            return;
        }
        log("received SIGTERM, stopping");
        try {
            pause(options.stopDelay);
            removePidFileIfAsked();
            if (options.exitFile != null) {
                writeAtomically(options.exitFile, System.nanoTime() + "\n");
            }
        } catch (Exception ex) {
            log("failed while stopping: " + ex);
        }
        Runtime.getRuntime().halt(0);
    }

    private void removePidFileIfAsked() throws IOException {
        if (options.removePidFileOnExit && options.pidFile != null) {
            Files.deleteIfExists(options.pidFile);
        }
    }

    private void killSelf(String signal) throws Exception {
        log("exiting by signal " + signal);
        try {
            Signal.handle(new Signal(signal.startsWith("SIG") ? signal.substring(3) : signal), SignalHandler.SIG_DFL);
        } catch (IllegalArgumentException ex) {
            // KILL and the signals the JVM reserves keep their disposition; KILL needs none.
        }
        new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).inheritIO().start().waitFor();
        idleForever();
    }

    /** Waits {@code delay}, logging progress at the configured interval: it simulates a slow daemon. */
    private void pause(Duration delay) throws InterruptedException {
        long end = System.nanoTime() + delay.toNanos();
        Duration interval = options.logProgressInterval;
        for (long left = delay.toNanos(); left > 0; left = end - System.nanoTime()) {
            long step = interval == null ? left : Math.min(left, interval.toNanos());
            TimeUnit.NANOSECONDS.sleep(step);
            if (interval != null && end - System.nanoTime() > 0) {
                log("still starting");
            }
        }
    }

    private static void idleForever() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void log(String message) {
        if (options.logFile != null) {
            append(options.logFile, "[TestDaemon " + pid + "] " + message + "\n");
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void writeAtomically(Path file, String text) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial-" + pid);
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void startThread(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, name);
        thread.start();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
