package io.daemoncontroller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The processes of this user that listen on a TCP port, from {@code /proc/net/tcp}, {@code /proc/net/tcp6} and
 * the processes' open files. Finds a start's daemon when nothing else does: one that writes its PID file somewhere
 * else than the controller reads it from, and that no mark reached.
 */
final class PortListeners {

    private static final String LISTEN = "0A";

    private PortListeners() {
    }

    /** The running processes of this user with a socket listening on {@code port}. */
    static List<OsProcess> of(int port) {
        long uid = currentUid();
        Set<String> sockets = new HashSet<>();
        listeningSockets("/proc/net/tcp", port, uid, sockets);
        listeningSockets("/proc/net/tcp6", port, uid, sockets);
        if (sockets.isEmpty()) {
            return List.of();
        }
        return OsProcess.matching(pid -> holdsAny(pid, sockets));
    }

    private static void listeningSockets(String table, int port, long uid, Set<String> sockets) {
        String portSuffix = ":" + String.format(Locale.ROOT, "%04X", port);
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(table));
        } catch (IOException noSuchTable) {
            return;
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 9 && fields[1].endsWith(portSuffix) && fields[3].equals(LISTEN)
                    && fields[7].equals(Long.toString(uid))) {
                sockets.add("socket:[" + fields[9] + "]");
            }
        }
    }

    private static boolean holdsAny(long pid, Set<String> sockets) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (var entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                if (sockets.contains(target(fd))) {
                    return true;
                }
            }
        } catch (IOException | SecurityException notOurs) {
            return false;
        }
        return false;
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    private static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException ex) {
            throw new DaemonControllerException("process table", "Cannot tell this process's user id: " + ex, ex);
        }
    }
}
