package io.daemoncontroller.boot.autoconfigure;

import java.util.Optional;

import io.daemoncontroller.AutoPort;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;

/**
 * Where a daemon's published port came from: chosen for {@code port: auto}, set at {@code setting}, and recorded in
 * a file beside the daemon's PID file.
 */
record AutoPortOrigin(AutoPort port, Origin setting) implements Origin {

    /** The auto port {@code origin} tells of, also when a property source's origin wraps it. */
    static Optional<AutoPortOrigin> of(Origin origin) {
        Origin unwrapped = origin instanceof PropertySourceOrigin source ? source.getOrigin() : origin;
        return unwrapped instanceof AutoPortOrigin auto ? Optional.of(auto) : Optional.empty();
    }

    @Override
    public Origin getParent() {
        return setting;
    }

    @Override
    public String toString() {
        String chosen = switch (port.choice()) {
            case RUNNING_DAEMON -> "recorded for the running daemon in ";
            case RECORDED -> "recorded by an earlier run, and free, in ";
            case NEW -> "chosen as free, and recorded in ";
        };
        return "port " + port.port() + " for auto" + (setting == null ? "" : " (" + setting + ")") + ", " + chosen
                + port.file();
    }
}
