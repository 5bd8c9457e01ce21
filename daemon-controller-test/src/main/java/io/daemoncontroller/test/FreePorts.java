package io.daemoncontroller.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * TCP ports on 127.0.0.1 for test daemons: each was free a moment before it was handed out, and none is handed out
 * twice in this JVM. A port stays free until a daemon binds it only as long as nothing else on the machine takes it
 * meanwhile; daemons that choose their own port and report it avoid even that race.
 *
 * @since 0.2.0
 */
public final class FreePorts {

    private static final Set<Integer> handedOut = new HashSet<>();
    private static final Map<String, Integer> named = new HashMap<>();

    private FreePorts() {
    }

    /** A port that was free a moment ago and that no other caller in this JVM got. */
    public static synchronized int next() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (handedOut.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * The port for {@code name} in this JVM: the first call for a name hands out a {@link #next() free port}, every
     * later one the same. For a {@link DaemonScope#JVM JVM-scoped} daemon that test classes each describe.
     */
    public static synchronized int named(String name) {
        return named.computeIfAbsent(name, key -> next());
    }
}
