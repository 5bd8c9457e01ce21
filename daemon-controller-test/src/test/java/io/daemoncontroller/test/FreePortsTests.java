package io.daemoncontroller.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FreePortsTests {

    @Test
    void handsOutPortsThatCanBeBoundAndNeverTheSameOneTwice() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertThat(ports.add(port)).as("port %d handed out once", port).isTrue();
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aNameGetsTheSamePortEveryTimeAndAnotherNameAnotherOne() {
        int redis = FreePorts.named("free-ports-tests redis");

        assertThat(FreePorts.named("free-ports-tests redis")).isEqualTo(redis);
        assertThat(FreePorts.named("free-ports-tests postgres")).isNotEqualTo(redis);
        assertThat(FreePorts.next()).isNotEqualTo(redis);
    }
}
