package io.daemoncontroller.boot.metrics;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the daemons' own Micrometer meters (see {@link DaemonMeter}), when there is a
 * {@link MeterRegistry}. The timers come from the daemons' observations, through Spring Boot's
 * {@code DefaultMeterObservationHandler}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({Daemons.class, MeterRegistry.class})
public final class DaemonMetricsAutoConfiguration {

    @Bean
    DaemonMeters daemonMeters(MeterRegistry registry, Daemons daemons) {
        return new DaemonMeters(registry, daemons);
    }

    @Bean
    DaemonRestartCounter daemonRestartCounter(MeterRegistry registry) {
        return new DaemonRestartCounter(registry);
    }

    @Bean
    DaemonLivenessFailureCounter daemonLivenessFailureCounter(MeterRegistry registry) {
        return new DaemonLivenessFailureCounter(registry);
    }
}
