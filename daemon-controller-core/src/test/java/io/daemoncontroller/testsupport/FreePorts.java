package io.daemoncontroller.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds TCP ports on 127.0.0.1 that nothing listens on, never handing out the same port twice in one JVM.
 */
public final class FreePorts {

    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    /** A port on 127.0.0.1 that was free a moment ago and that no other caller in this JVM got. */
    public static synchronized int next() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (handedOut.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
