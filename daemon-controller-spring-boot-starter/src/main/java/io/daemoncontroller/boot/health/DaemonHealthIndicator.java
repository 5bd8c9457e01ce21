package io.daemoncontroller.boot.health;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.DaemonDetails;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one daemon: UP when it answers its ping. Otherwise DOWN when it FAILED (a crash, or a crash loop the
 * supervisor gave up on, with the reason as {@code lastError}): someone has to act, required or not. For a required
 * daemon, OUT_OF_SERVICE while it is being started or waits to be restarted (STARTING, BACKOFF: it is expected
 * back), else DOWN; UNKNOWN for a daemon that is not required. Details: the {@link DaemonDetails}. Pings once per
 * check, and never hangs: the ping is bounded by its timeout and no lock is awaited. A daemon that runs but is
 * {@linkplain io.daemoncontroller.DaemonStatus#unresponsive() unresponsive} (it failed its liveness check
 * liveness.failure-threshold times in a row) is DOWN, whatever its ping says, with the reason.
 */
final class DaemonHealthIndicator implements HealthIndicator {

    private final ManagedDaemon daemon;

    DaemonHealthIndicator(ManagedDaemon daemon) {
        this.daemon = daemon;
    }

    @Override
    public Health health() {
        boolean answers = daemon.answersPing();
        DaemonDetails details = DaemonDetails.of(daemon);
        if (details.unresponsive()) {
            return Health.down().withDetail("reason", "unresponsive: " + details.livenessFailures()
                    + " liveness checks in a row failed").withDetails(details.asMap()).build();
        }
        Status status = answers ? Status.UP : statusWhileNotAnswering(details.state());
        return Health.status(status).withDetails(details.asMap()).build();
    }

    private Status statusWhileNotAnswering(DaemonState state) {
        if (state == DaemonState.FAILED) {
            return Status.DOWN;
        }
        if (!daemon.isRequired()) {
            return Status.UNKNOWN;
        }
        return state == DaemonState.STARTING || state == DaemonState.BACKOFF ? Status.OUT_OF_SERVICE : Status.DOWN;
    }
}
