package io.daemoncontroller.boot.observation;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the observation of the restarts the daemons' supervisors perform (the starts, stops and
 * restarts this application performs are observed by {@link io.daemoncontroller.boot.ManagedDaemon} itself).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class)
@ConditionalOnBean({Daemons.class, DaemonObservations.class})
public final class DaemonObservationAutoConfiguration {

    @Bean
    SupervisorRestartObservations supervisorRestartObservations(DaemonObservations observations) {
        return new SupervisorRestartObservations(observations);
    }
}
