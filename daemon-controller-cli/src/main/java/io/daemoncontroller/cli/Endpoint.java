package io.daemoncontroller.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code daemons} actuator endpoint of one app, over HTTP. A request that gets no answer (connection refused,
 * unknown host, connect timeout) is a {@link Failure} with {@link Exit#UNREACHABLE} naming the URL; any answer,
 * whatever its status, is a {@link Reply}. It uses {@link HttpURLConnection} rather than {@code java.net.http}: for
 * one request per run it does the same, and the JVM starts and ends about half a second sooner without the latter.
 */
final class Endpoint {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final URI daemons;

    private final Optional<String> authorization;

    Endpoint(URI actuator, Optional<String> authorization) {
        this.daemons = URI.create(actuator + "/daemons");
        this.authorization = authorization;
    }

    /** {@code GET /daemons}. */
    Reply list() {
        return send(daemons, null);
    }

    /** {@code GET /daemons/{target}}: a daemon, or a {@code @tag}'s daemons. */
    Reply show(String target) {
        return send(uri(target), null);
    }

    /** {@code GET /daemons/{name}/log?lines=N}. */
    Reply log(String name, int lines) {
        return send(URI.create(uri(name) + "/log?lines=" + lines), null);
    }

    /** {@code POST /daemons/{target}} with {@code {"action": action}}. */
    Reply act(String target, String action) {
        return send(uri(target), "{\"action\": \"" + action + "\"}");
    }

    private URI uri(String target) {
        String segment = URLEncoder.encode(target, StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
        return URI.create(daemons + "/" + segment);
    }

    /** Sends a {@code GET}, or a {@code POST} of {@code json} when there is one. */
    private Reply send(URI uri, String json) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(Math.toIntExact(CONNECT_TIMEOUT.toMillis()));
            connection.setRequestProperty("Accept", "application/json");
            authorization.ifPresent(value -> connection.setRequestProperty("Authorization", value));
            if (json != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream body = connection.getOutputStream()) {
                    body.write(json.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Reply(uri, status, json(text));
            }
        } catch (IOException ex) {
            throw new Failure(Exit.UNREACHABLE, "Cannot reach " + uri + ": " + reason(ex, uri)
                    + "; is the app running, and is --url (or DAEMONCTL_URL) its actuator?");
        }
    }

    private static Object json(String body) {
        try {
            return JsonReader.read(body);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    /** Why there was no answer, in words. */
    private static String reason(IOException ex, URI uri) {
        if (ex instanceof UnknownHostException) {
            return "unknown host " + uri.getHost();
        }
        if (ex instanceof SocketTimeoutException) {
            return "no answer within the timeout (" + CONNECT_TIMEOUT.toSeconds() + " s to connect)";
        }
        if (ex instanceof ConnectException) {
            return "connection refused";
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }
}
