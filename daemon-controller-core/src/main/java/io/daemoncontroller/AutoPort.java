package io.daemoncontroller;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;

/**
 * A TCP port chosen for a daemon by this library rather than written in its configuration, and recorded in the file
 * {@code <pid file>.port} beside its PID file, so that a daemon that outlived the JVM that chose its port is found
 * there again. Made by {@link DaemonController.Builder#chooseAutoPort()}, which decides, under the daemon's lock
 * file (a start in progress in another process finishes first):
 * <ul>
 * <li>the PID file names a running daemon: the recorded port ({@link Choice#RUNNING_DAEMON}); with no recorded port,
 * a {@link DaemonControllerException}, since the daemon was started on a port nobody recorded;</li>
 * <li>else the recorded port, when nothing listens on it ({@link Choice#RECORDED}), so the port stays the same from
 * one run to the next;</li>
 * <li>else a port the operating system hands out as free ({@link Choice#NEW}), then recorded.</li>
 * </ul>
 * A chosen port is free when chosen, not reserved: something else may bind it before the daemon does, and the
 * daemon's start then fails with its own "address in use" error.
 *
 * @param port the port, from 1 to 65535
 * @param file the file it is recorded in
 * @param choice how it was chosen
 * @since 0.3.0
 */
public record AutoPort(int port, Path file, Choice choice) {

    /** How an {@link AutoPort} was chosen. */
    public enum Choice {

        /** Recorded for the daemon that runs now. */
        RUNNING_DAEMON,

        /** Recorded by an earlier run; the daemon does not run, and the port is free. */
        RECORDED,

        /** Handed out as free by the operating system, and recorded now. */
        NEW
    }

    /** The file an auto port of the daemon with {@code pidFile} is recorded in: {@code <pidFile>.port}. */
    public static Path fileFor(Path pidFile) {
        return pidFile.resolveSibling(pidFile.getFileName() + ".port");
    }

    static AutoPort choose(String identifier, PidFile pidFile, LockFile lockFile) {
        Path file = fileFor(pidFile.path());
        try (LockFile.Held held = lockFile.exclusive()) {
            OptionalInt recorded = read(file);
            if (PidFile.process(pidFile.read()).isPresent()) {
                if (recorded.isEmpty()) {
                    throw new DaemonControllerException(identifier, identifier + ": the daemon runs (PID file "
                            + pidFile.path() + "), but no port was recorded for it in " + file + ": it was started"
                            + " with a port chosen elsewhere. Stop it, or configure the port it listens on instead"
                            + " of an auto port.");
                }
                return new AutoPort(recorded.getAsInt(), file, Choice.RUNNING_DAEMON);
            }
            if (recorded.isPresent() && isFree(recorded.getAsInt())) {
                return new AutoPort(recorded.getAsInt(), file, Choice.RECORDED);
            }
            int port = freePort(identifier);
            write(identifier, file, port);
            return new AutoPort(port, file, Choice.NEW);
        }
    }

    /** The port recorded in {@code file}; empty when it is missing or holds anything but a port. */
    private static OptionalInt read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalInt.empty();
            }
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? OptionalInt.of(port) : OptionalInt.empty();
        } catch (NoSuchFileException ex) {
            return OptionalInt.empty();
        } catch (IOException ex) {
            return OptionalInt.empty();
        }
    }

    /** Whether a listener could bind {@code port} on every address now. */
    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static int freePort(String identifier) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(0), 1);
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot find a free port: " + ex, ex);
        }
    }

    private static void write(String identifier, Path file, int port) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot record the port " + port + " in "
                    + file + ": " + ex.getMessage(), ex);
        }
    }
}
