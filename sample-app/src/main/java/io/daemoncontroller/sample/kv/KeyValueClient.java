package io.daemoncontroller.sample.kv;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import io.daemoncontroller.boot.DaemonDependency;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A client of the bundled key-value server, one connection per call. Because of {@link DaemonDependency}, a call
 * that finds the server down starts it and is retried.
 */
@Component
@DaemonDependency("kv")
class KeyValueClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress server;

    KeyValueClient(@Value("${app.kv.port}") int port) {
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** The value stored under {@code key}, if any. */
    public Optional<String> get(String key) throws IOException {
        String answer = request("GET " + checkKey(key));
        if (answer.equals("NOT_FOUND")) {
            return Optional.empty();
        }
        if (answer.startsWith("VALUE ")) {
            return Optional.of(answer.substring("VALUE ".length()));
        }
        throw unexpected(answer);
    }

    /** Stores {@code value} under {@code key}. */
    public void set(String key, String value) throws IOException {
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("A value must be a single line");
        }
        String answer = request("SET " + checkKey(key) + " " + value);
        if (!answer.equals("OK")) {
            throw unexpected(answer);
        }
    }

    private String request(String line) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer == null) {
                throw new EOFException("The key-value server at " + server + " closed the connection unanswered");
            }
            return answer;
        }
    }

    private static String checkKey(String key) {
        if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("A key must be non-empty and contain no whitespace: \"" + key + "\"");
        }
        return key;
    }

    private IOException unexpected(String answer) {
        return new IOException("The key-value server at " + server + " answered: " + answer);
    }
}
