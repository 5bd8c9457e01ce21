package io.daemoncontroller;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.OptionalInt;

final class HttpPing implements Ping {

    private final URI uri;
    private final Duration timeout;
    private final HttpClient client;

    HttpPing(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public boolean answers() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        return ConnectFailures.answersUnlessRefused(() -> {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                return status >= 200 && status < 400;
            } catch (HttpTimeoutException ex) {
                return false;
            }
        });
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new HttpPing(uri, Timeouts.positive(timeout, "ping timeout"));
    }

    /** The TCP port the ping connects to. */
    OptionalInt port() {
        return OptionalInt.of(uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
