package io.daemoncontroller.boot.actuate;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code daemons} actuator endpoint, when it is available (exposed and not switched off).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(Daemons.class)
@ConditionalOnAvailableEndpoint(DaemonsEndpoint.class)
public final class DaemonsEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DaemonsEndpoint daemonsEndpoint(Daemons daemons) {
        return new DaemonsEndpoint(daemons);
    }
}
