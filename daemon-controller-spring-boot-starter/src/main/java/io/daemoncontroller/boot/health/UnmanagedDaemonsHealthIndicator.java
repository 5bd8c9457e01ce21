package io.daemoncontroller.boot.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code daemons} health while the starter is off ({@code daemon-controller.enabled=false}): UP, since no daemon
 * is managed, and saying why there are none.
 */
final class UnmanagedDaemonsHealthIndicator implements HealthIndicator {

    @Override
    public Health health() {
        return Health.up().withDetail("managed", false)
                .withDetail("reason", "daemon-controller.enabled is false: no daemon is managed").build();
    }
}
