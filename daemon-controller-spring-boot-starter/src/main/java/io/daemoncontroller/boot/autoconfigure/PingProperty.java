package io.daemoncontroller.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

import io.daemoncontroller.Ping;

/**
 * Reads the {@code ping} property: {@code tcp://host:port}, {@code unix:/path}, {@code http(s)://...} or
 * {@code exec:command}.
 */
final class PingProperty {

    static final String ACCEPTED = "tcp://host:port, unix:/path/to.sock, http(s)://host:port/path or "
            + "exec:shell command, such as tcp://localhost:9312";

    private PingProperty() {
    }

    /**
     * The ping {@code value} describes; a relative socket path resolves against {@code directory}.
     *
     * @throws InvalidDaemonPropertyException when {@code value} is not one of the accepted forms
     */
    static Ping parse(ConfiguredValue<String> value, Path directory) {
        String text = value.value().strip();
        if (text.startsWith("tcp://")) {
            return tcp(value, text);
        }
        if (text.startsWith("unix:")) {
            String socket = text.substring("unix:".length());
            if (socket.isBlank()) {
                throw value.invalid("a unix: ping needs the path of the socket", ACCEPTED);
            }
            return Ping.unixSocket(directory.resolve(socket).normalize());
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            return Ping.http(uri(value, text));
        }
        if (text.startsWith("exec:")) {
            String command = text.substring("exec:".length());
            if (command.isBlank()) {
                throw value.invalid("an exec: ping needs the shell command to run", ACCEPTED);
            }
            return Ping.command(command);
        }
        throw value.invalid("it is not a ping", ACCEPTED);
    }

    private static Ping tcp(ConfiguredValue<String> value, String text) {
        URI uri = uri(value, text);
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                || !(uri.getPath() == null || uri.getPath().isEmpty())) {
            throw value.invalid("a tcp: ping needs a host and a port from 1 to 65535, and nothing else", ACCEPTED);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return Ping.tcp(host, uri.getPort());
    }

    private static URI uri(ConfiguredValue<String> value, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException ex) {
            throw value.invalid("it is not a valid URI: " + ex.getReason(), ACCEPTED);
        }
    }
}
