package io.daemoncontroller.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the processes that hold a listening TCP socket on a port, from {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (the socket's inode) and {@code /proc/<pid>/fd} (who holds it): every holder, also the
 * forked workers that share their master's socket. This JVM is never one of them.
 */
public final class PortOwners {

    private static final String LISTEN = "0A";

    private PortOwners() {
    }

    /** The live processes, other than this JVM, that hold a socket listening on TCP {@code port}. */
    public static List<ProcessHandle> listeningOn(int port) {
        Set<String> sockets = listeningSocketInodes(port);
        if (sockets.isEmpty()) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != self)
                .filter(process -> holdsAny(process.pid(), sockets))
                .filter(process -> TestProcesses.isAlive(process.pid()))
                .toList();
    }

    private static Set<String> listeningSocketInodes(int port) {
        String localPort = String.format(":%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields[1].endsWith(localPort) && fields[3].equals(LISTEN)) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException ex) {
                // No IPv6 on this machine: nothing listens there.
            }
        }
        return inodes;
    }

    private static boolean holdsAny(long pid, Set<String> sockets) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException | UncheckedIOException gone) {
            return false;
        }
    }
}
