package io.daemoncontroller.boot.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.daemoncontroller.boot.ManagedDaemon;

/**
 * Thrown when daemons due at startup failed to start, so the application does not start. Holds each daemon's
 * failure, also as suppressed exceptions.
 *
 * @since 0.1.0
 */
public class DaemonStartupException extends RuntimeException {

    private final Map<ManagedDaemon, RuntimeException> failures;

    DaemonStartupException(Map<ManagedDaemon, RuntimeException> failures) {
        super("Daemons failed to start: " + failures.keySet().stream().map(ManagedDaemon::name)
                .collect(Collectors.joining(", ")), failures.values().iterator().next());
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        failures.values().stream().skip(1).forEach(this::addSuppressed);
    }

    /** Each daemon that failed to start, with why. */
    public Map<ManagedDaemon, RuntimeException> failures() {
        return failures;
    }
}
