package io.daemoncontroller.boot.health;

import io.daemoncontroller.boot.DaemonDetails;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one daemon: UP when it answers its ping; otherwise DOWN when it is required, UNKNOWN when it is
 * not (an on-demand daemon that has not been started). Details: state, pid, uptime, lifecycle, tags, last error.
 * Never hangs: the ping is bounded by its timeout and no lock is awaited.
 */
final class DaemonHealthIndicator implements HealthIndicator {

    private final ManagedDaemon daemon;

    DaemonHealthIndicator(ManagedDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Health health() {
        Health.Builder health = daemon.controller().answersPing() ? Health.up()
                : daemon.isRequired() ? Health.down() : Health.unknown();
        return health.withDetails(DaemonDetails.of(daemon).asMap()).build();
    }
}
