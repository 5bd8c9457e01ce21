package io.daemoncontroller.boot.autoconfigure;

/**
 * A daemon's setting and the property it came from: the daemon's own key, else the one under {@code defaults}.
 * {@code value} is {@code null} when neither is set; {@code property} then names the daemon's own key.
 */
record ConfiguredValue<T>(String property, T value) {

    boolean isSet() {
        return value != null;
    }

    InvalidDaemonPropertyException invalid(String problem, String accepted) {
        return new InvalidDaemonPropertyException(property, value, problem, accepted);
    }
}
