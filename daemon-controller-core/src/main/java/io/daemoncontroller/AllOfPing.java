package io.daemoncontroller;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Answers when every part answers, probed in order; stops at the first that does not. */
record AllOfPing(List<Ping> parts) implements Ping {

    @Override
    public boolean answers() throws Exception {
        for (Ping part : parts) {
            if (!part.answers()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new AllOfPing(parts.stream().map(part -> part.withTimeout(timeout)).toList());
    }

    @Override
    public String toString() {
        return parts.stream().map(Ping::toString).collect(Collectors.joining(", ", "allOf(", ")"));
    }
}
