package io.daemoncontroller.boot.health;

import java.util.LinkedHashMap;
import java.util.Map;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code daemons} health contributor, one indicator per daemon, by name, and of a health
 * group {@code daemons-<tag>} per daemon tag. Off with {@code management.health.daemons.enabled=false}. With
 * {@code daemon-controller.enabled=false} the contributor is still there, UP with no daemons, so that health groups
 * that include {@code daemons} (as the readiness group should) stay valid: turning the starter off manages nothing,
 * and breaks no health configuration.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("daemons")
public final class DaemonHealthAutoConfiguration {

    /** The name the health endpoint gives the {@code daemonsHealthContributor} bean. */
    private static final String CONTRIBUTOR = "daemons";

    /** The daemons' health, when the starter manages them. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Daemons.class)
    static class Managed {

        @Bean
        @ConditionalOnMissingBean(name = "daemonsHealthContributor")
        CompositeHealthContributor daemonsHealthContributor(Daemons daemons) {
            Map<String, ManagedDaemon> byName = new LinkedHashMap<>();
            for (ManagedDaemon daemon : daemons.all()) {
                byName.put(daemon.name(), daemon);
            }
            return CompositeHealthContributor.fromMap(byName, DaemonHealthIndicator::new);
        }

        /** The health groups by tag, when there is a health endpoint to show them. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass({HealthEndpointGroupsPostProcessor.class, SecurityContext.class})
        static class TagGroups {

            @Bean
            DaemonTagHealthGroups daemonTagHealthGroups(Daemons daemons) {
                return new DaemonTagHealthGroups(daemons, CONTRIBUTOR);
            }
        }
    }

    /** A {@code daemons} contributor that is UP, when the starter is off. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "daemon-controller.enabled", havingValue = false)
    static class NotManaged {

        @Bean
        @ConditionalOnMissingBean(name = "daemonsHealthContributor")
        UnmanagedDaemonsHealthIndicator daemonsHealthContributor() {
            return new UnmanagedDaemonsHealthIndicator();
        }
    }
}
