package io.daemoncontroller;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Tells whether a daemon answers, that is whether it is ready for clients. Every probe is bounded in time: by
 * default it gives up after {@link #DEFAULT_TIMEOUT}, and {@link #withTimeout(Duration)} sets another bound.
 * <pre>{@code
 * Ping.tcp("localhost", 9312)
 * Ping.unixSocket(Path.of("tmp/search.sock"))
 * Ping.http(URI.create("http://localhost:8080/health"))
 * Ping.command("redis-cli -p 6380 ping")
 * Ping.of(() -> client.isReady())
 * Ping.allOf(Ping.tcp("localhost", 6379), Ping.command("redis-cli ping"))
 * }</pre>
 */
public interface Ping {

    /** How long a probe may take unless {@link #withTimeout(Duration)} says otherwise. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Probes the daemon once, within this ping's timeout.
     *
     * @return whether the daemon answered
     * @throws Exception a failure that does not merely mean "not up yet"; a connection failure (refused, no
     *         route, connect timeout, missing socket file) is reported as {@code false} instead
     */
    boolean answers() throws Exception;

    /** The same probe, bounded by {@code timeout} instead. */
    Ping withTimeout(Duration timeout);

    /** Up when a TCP connection to {@code host:port} is accepted. */
    static Ping tcp(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, not " + port);
        }
        return new TcpPing(host, port, DEFAULT_TIMEOUT);
    }

    /** Up when a connection to the UNIX-domain socket at {@code socket} is accepted. */
    static Ping unixSocket(Path socket) {
        return new UnixSocketPing(Objects.requireNonNull(socket, "socket"), DEFAULT_TIMEOUT);
    }

    /** Up when a GET of {@code uri} answers with a 2xx or 3xx status (redirects are not followed). */
    static Ping http(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("an HTTP ping needs an http:// or https:// URI, not " + uri);
        }
        return new HttpPing(uri, DEFAULT_TIMEOUT);
    }

    /** Up when {@code /bin/sh -c shellCommand} exits with status 0. */
    static Ping command(String shellCommand) {
        Objects.requireNonNull(shellCommand, "shellCommand");
        return new CommandPing(shellCommand, DEFAULT_TIMEOUT);
    }

    /**
     * Up when {@code probe} returns neither {@code null} nor {@code false}. A returned {@link AutoCloseable}, such
     * as a socket, is closed. A connection failure thrown by the probe means "not up yet".
     */
    static Ping of(Callable<?> probe) {
        return new CallablePing(Objects.requireNonNull(probe, "probe"), DEFAULT_TIMEOUT);
    }

    /**
     * Up when every one of {@code parts} answers, probed in order until one does not; a part that fails with an
     * error fails the whole. A probe takes at most the sum of the parts' timeouts; {@link #withTimeout} sets each
     * part's.
     */
    static Ping allOf(Ping... parts) {
        return new AllOfPing(parts("allOf", parts));
    }

    /**
     * Up when one of {@code parts} answers, probed in order until one does; a part's error is thrown only when no
     * part answers. A probe takes at most the sum of the parts' timeouts; {@link #withTimeout} sets each part's.
     */
    static Ping anyOf(Ping... parts) {
        return new AnyOfPing(parts("anyOf", parts));
    }

    private static List<Ping> parts(String composition, Ping... parts) {
        Objects.requireNonNull(parts, composition);
        if (parts.length == 0) {
            throw new IllegalArgumentException(composition + " needs at least one ping");
        }
        return List.of(parts);
    }
}
