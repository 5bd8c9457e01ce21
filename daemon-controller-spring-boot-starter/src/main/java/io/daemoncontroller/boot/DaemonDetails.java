package io.daemoncontroller.boot;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStatus;
import io.daemoncontroller.ProcessExit;

/**
 * What health details and the {@code daemons} endpoint show about a daemon, taken at one moment from its
 * controller's {@link DaemonStatus}: reading it touches no file and waits for no lock, even while a start or stop,
 * here or in another process, holds the daemon's lock.
 *
 * @param name the daemon's name
 * @param state its state (see {@link ManagedDaemon#state()})
 * @param since when its controller saw it enter its current state
 * @param pid its pid, while it runs and this application knows it
 * @param uptime how long it has been running, while it runs
 * @param lastExit how it last ended, such as {@code exited with status 1}, when known
 * @param restarts how many times it was restarted after dying, since it was last started on purpose
 * @param lastError the message of its last failure, such as a crash loop, if any
 * @param lastStartDuration how long its last start here took, if there was one
 * @param lifecycle its lifecycle, as configured, such as {@code start-and-stop}
 * @param restart its restart policy, as configured, such as {@code on-failure}
 * @param required whether health is DOWN while it does not answer
 * @param tags its tags
 * @param dependsOn the names of the daemons it depends on
 * @param ping how it is pinged, such as {@code tcp://localhost:9312}
 * @param logFile the file its output goes to, if it has one (it may not exist yet)
 * @param livenessFailures how many liveness checks in a row it failed while running (0 without liveness checks)
 * @param unresponsive whether it runs but failed liveness.failure-threshold checks in a row
 * @since 0.1.0
 */
public record DaemonDetails(String name, DaemonState state, Instant since, Long pid, Duration uptime, String lastExit,
        int restarts, String lastError, Duration lastStartDuration, String lifecycle, String restart,
        boolean required, List<String> tags, List<String> dependsOn, String ping, String logFile,
        int livenessFailures, boolean unresponsive) {

    /** The details of {@code daemon}, now. */
    public static DaemonDetails of(ManagedDaemon daemon) {
        DaemonStatus status = daemon.status();
        Long pid = status.pid().isPresent() ? status.pid().getAsLong() : null;
        return new DaemonDetails(daemon.name(), daemon.state(), status.since(), pid, status.uptime().orElse(null),
                status.lastExit().map(ProcessExit::toString).orElse(null), status.restarts(),
                status.lastError().orElse(null), status.lastStartDuration().orElse(null),
                daemon.lifecycle().configValue(),
                daemon.controller().restartPolicy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                daemon.isRequired(), daemon.tags(), daemon.dependencies().stream().map(ManagedDaemon::name).toList(),
                daemon.controller().ping().toString(),
                daemon.controller().logFile().map(Object::toString).orElse(null), status.livenessFailures(),
                status.unresponsive());
    }

    /** The details as a map without empty values, in declaration order, for health details. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("state", state);
        map.put("since", since.toString());
        Optional.ofNullable(pid).ifPresent(value -> map.put("pid", value));
        Optional.ofNullable(uptime).ifPresent(value -> map.put("uptime", value.toString()));
        Optional.ofNullable(lastExit).ifPresent(value -> map.put("lastExit", value));
        map.put("restarts", restarts);
        Optional.ofNullable(lastError).ifPresent(value -> map.put("lastError", value));
        Optional.ofNullable(lastStartDuration).ifPresent(value -> map.put("lastStartDuration", value.toString()));
        map.put("lifecycle", lifecycle);
        map.put("restart", restart);
        map.put("required", required);
        map.put("tags", tags);
        map.put("dependsOn", dependsOn);
        map.put("ping", ping);
        Optional.ofNullable(logFile).ifPresent(value -> map.put("logFile", value));
        if (livenessFailures > 0) {
            map.put("livenessFailures", livenessFailures);
        }
        if (unresponsive) {
            map.put("unresponsive", true);
        }
        return map;
    }
}
