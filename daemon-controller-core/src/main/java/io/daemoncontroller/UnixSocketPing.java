package io.daemoncontroller;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

record UnixSocketPing(Path socket, Duration timeout) implements Ping {

    @Override
    public boolean answers() throws IOException, InterruptedException {
        return ConnectFailures.answersUnlessRefused(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.configureBlocking(false);
                if (channel.connect(UnixDomainSocketAddress.of(socket))) {
                    return true;
                }
                try (Selector selector = Selector.open()) {
                    channel.register(selector, SelectionKey.OP_CONNECT);
                    return selector.select(Timeouts.toMillis(timeout)) > 0 && channel.finishConnect();
                }
            }
        });
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new UnixSocketPing(socket, Timeouts.positive(timeout, "ping timeout"));
    }

    @Override
    public String toString() {
        return "unix:" + socket;
    }
}
