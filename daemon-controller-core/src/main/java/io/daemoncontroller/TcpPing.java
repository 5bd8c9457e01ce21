package io.daemoncontroller;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

record TcpPing(String host, int port, Duration timeout) implements Ping {

    @Override
    public boolean answers() throws IOException, InterruptedException {
        return ConnectFailures.answersUnlessRefused(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), Timeouts.toMillis(timeout));
                return true;
            }
        });
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new TcpPing(host, port, Timeouts.positive(timeout, "ping timeout"));
    }

    @Override
    public String toString() {
        return "tcp://" + host + ":" + port;
    }
}
