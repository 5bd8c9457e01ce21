package io.daemoncontroller.boot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStatus;

/**
 * What health details and the {@code daemons} endpoint show about a daemon, taken at one moment.
 *
 * @param name the daemon's name
 * @param state its state (see {@link ManagedDaemon#state()})
 * @param pid its pid, when it runs and this application knows it
 * @param uptime how long it has been running, when it runs
 * @param lifecycle its lifecycle, as configured, such as {@code start-and-stop}
 * @param required whether health is DOWN while it does not answer
 * @param tags its tags
 * @param ping how it is pinged, such as {@code tcp://localhost:9312}
 * @param lastStartDuration how long its last start took, if it was started here
 * @param lastError the message of its last failure, if any
 * @since 0.1.0
 */
public record DaemonDetails(String name, DaemonState state, Long pid, Duration uptime, String lifecycle,
        boolean required, List<String> tags, String ping, Duration lastStartDuration, String lastError) {

    /**
     * The details of {@code daemon}. Its pid is read only when the controller reports it running, so that this
     * never waits for the controller's lock while a start or stop holds it.
     */
    public static DaemonDetails of(ManagedDaemon daemon) {
        DaemonStatus status = daemon.status();
        DaemonState state = daemon.state();
        Long pid = status.state() == DaemonState.RUNNING ? boxed(daemon) : null;
        return new DaemonDetails(daemon.name(), state, pid, status.uptime().orElse(null),
                daemon.lifecycle().configValue(), daemon.isRequired(), daemon.tags(),
                daemon.controller().ping().toString(), status.lastStartDuration().orElse(null),
                status.lastError().orElse(null));
    }

    private static Long boxed(ManagedDaemon daemon) {
        OptionalLong pid = daemon.controller().pid();
        return pid.isPresent() ? pid.getAsLong() : null;
    }

    /** The details as a map without empty values, in declaration order, for health details. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("state", state);
        Optional.ofNullable(pid).ifPresent(value -> map.put("pid", value));
        Optional.ofNullable(uptime).ifPresent(value -> map.put("uptime", value.toString()));
        map.put("lifecycle", lifecycle);
        map.put("required", required);
        map.put("tags", tags);
        map.put("ping", ping);
        Optional.ofNullable(lastStartDuration).ifPresent(value -> map.put("lastStartDuration", value.toString()));
        Optional.ofNullable(lastError).ifPresent(value -> map.put("lastError", value));
        return map;
    }
}
