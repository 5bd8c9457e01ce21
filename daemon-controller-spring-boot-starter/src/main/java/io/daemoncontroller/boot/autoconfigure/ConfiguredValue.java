package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.origin.Origin;

/**
 * A daemon's setting, the property it came from (the daemon's own key, else the one under {@code defaults}) and
 * where that was set, such as {@code class path resource [application.yml] - 12:14}. {@code value} is {@code null}
 * when neither key is set, and {@code property} then names the daemon's own key; {@code origin} is {@code null}
 * when not known.
 */
record ConfiguredValue<T>(String property, T value, Origin origin) {

    boolean isSet() {
        return value != null;
    }

    InvalidDaemonPropertyException invalid(String problem, String accepted) {
        return new InvalidDaemonPropertyException(property, value, origin, problem, accepted, null);
    }
}
