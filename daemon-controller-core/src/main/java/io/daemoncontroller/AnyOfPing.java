package io.daemoncontroller;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Answers when one of the parts answers, probed in order; stops at the first that does. A part that fails with an
 * error is passed over; the error is thrown, with the others suppressed, only when no part answers.
 */
record AnyOfPing(List<Ping> parts) implements Ping {

    @Override
    public boolean answers() throws Exception {
        Exception failure = null;
        for (Ping part : parts) {
            try {
                if (part.answers()) {
                    return true;
                }
            } catch (Exception ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return false;
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new AnyOfPing(parts.stream().map(part -> part.withTimeout(timeout)).toList());
    }

    @Override
    public String toString() {
        return parts.stream().map(Ping::toString).collect(Collectors.joining(", ", "anyOf(", ")"));
    }
}
