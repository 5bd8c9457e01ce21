package io.daemoncontroller;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

record TcpPing(String host, int port, Duration timeout) implements Ping {

    @Override
    public boolean answers() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), Timeouts.toMillis(timeout));
            return true;
        } catch (IOException ex) {
            if (ConnectFailures.isConnectFailure(ex)) {
                return false;
            }
            throw ex;
        }
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
