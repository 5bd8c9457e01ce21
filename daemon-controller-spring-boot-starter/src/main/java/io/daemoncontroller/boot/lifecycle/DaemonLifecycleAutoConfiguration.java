package io.daemoncontroller.boot.lifecycle;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.autoconfigure.DaemonThreads;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration that starts and stops the {@link Daemons} with the application, as their lifecycles say.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class)
@ConditionalOnBean(Daemons.class)
public final class DaemonLifecycleAutoConfiguration {

    @Bean
    DaemonLifecycle daemonLifecycle(Daemons daemons, Environment environment) {
        return new DaemonLifecycle(daemons, DaemonThreads.of(environment).factory("lifecycle"));
    }
}
