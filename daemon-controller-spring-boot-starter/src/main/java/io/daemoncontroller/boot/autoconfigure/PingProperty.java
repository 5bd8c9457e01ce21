package io.daemoncontroller.boot.autoconfigure;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import io.daemoncontroller.Ping;

/**
 * The {@code ping} property, read: {@code tcp://host:port}, {@code unix:/path/to.sock}, {@code http(s)://...} or
 * {@code exec:shell command}; the property may list several, every one of which must answer. A relative socket
 * path is kept as written until the daemon's working directory is known.
 *
 * @since 0.1.0
 */
public final class PingProperty {

    static final String ACCEPTED = "tcp://host:port, unix:/path/to.sock, http(s)://host:port/path or "
            + "exec:shell command, such as tcp://localhost:9312";

    private final String text;
    /** The ping; {@code null} for a unix socket ping, made from {@link #socket} once its directory is known. */
    private final Ping ping;
    private final String socket;
    private final OptionalInt port;
    private final InetSocketAddress tcpAddress;

    private PingProperty(String text, Ping ping, String socket, OptionalInt port, InetSocketAddress tcpAddress) {
        this.text = text;
        this.ping = ping;
        this.socket = socket;
        this.port = port;
        this.tcpAddress = tcpAddress;
    }

    /**
     * The ping {@code text} describes.
     *
     * @throws IllegalArgumentException saying what is wrong when {@code text} is not one of the accepted forms
     */
    static PingProperty parse(String text) {
        String value = text.strip();
        if (value.startsWith("tcp://")) {
            InetSocketAddress address = tcpAddressOf(value);
            Ping tcp = Ping.tcp(address.getHostString(), address.getPort());
            return new PingProperty(value, tcp, null, OptionalInt.of(address.getPort()), address);
        }
        if (value.startsWith("unix:")) {
            String socket = value.substring("unix:".length());
            if (socket.isBlank()) {
                throw new IllegalArgumentException("a unix: ping needs the path of the socket");
            }
            return new PingProperty(value, null, socket, OptionalInt.empty(), null);
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            URI uri = uri(value);
            Ping http = Ping.http(uri);
            return new PingProperty(value, http, null, uri.getPort() < 0 ? OptionalInt.empty()
                    : OptionalInt.of(uri.getPort()), null);
        }
        if (value.startsWith("exec:")) {
            String command = value.substring("exec:".length());
            if (command.isBlank()) {
                throw new IllegalArgumentException("an exec: ping needs the shell command to run");
            }
            Ping exec = Ping.command(command);
            return new PingProperty(value, exec, null, OptionalInt.empty(), null);
        }
        throw new IllegalArgumentException("it is not a ping");
    }

    /** The port a {@code tcp://} or {@code http(s)://} ping names; empty for other pings and a URL without one. */
    OptionalInt port() {
        return port;
    }

    /** The host and port of a {@code tcp://} ping, unresolved; empty for other pings. */
    Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcpAddress);
    }

    /** The ping, with a relative socket path resolved against {@code directory}. */
    Ping toPing(Path directory) {
        return ping != null ? ping : Ping.unixSocket(directory.resolve(socket).normalize());
    }

    private static InetSocketAddress tcpAddressOf(String text) {
        URI uri = uri(text);
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                || !(uri.getPath() == null || uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("a tcp: ping needs a host and a port from 1 to 65535, and nothing else");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return InetSocketAddress.createUnresolved(host, uri.getPort());
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException ex) {
            throw new IllegalArgumentException("it is not a valid URI: " + ex.getReason(), ex);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
