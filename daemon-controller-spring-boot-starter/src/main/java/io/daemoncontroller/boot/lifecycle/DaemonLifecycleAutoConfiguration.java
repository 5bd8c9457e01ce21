package io.daemoncontroller.boot.lifecycle;

import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.autoconfigure.DaemonThreads;
import io.daemoncontroller.boot.autoconfigure.SharedDaemons;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration that starts and stops the {@link Daemons} with the application, as their lifecycles say. The
 * daemons described in properties are started earlier, before the context's refresh, by a listener registered in
 * {@code META-INF/spring.factories}; this starts the others.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class)
@ConditionalOnBean(Daemons.class)
public final class DaemonLifecycleAutoConfiguration {

    /** The shutdown of a context not started by {@code SpringApplication}, which has none from the listener. */
    @Bean(name = DaemonShutdown.BEAN_NAME)
    @ConditionalOnMissingBean(name = DaemonShutdown.BEAN_NAME)
    DaemonShutdown daemonControllerShutdown(Environment environment, ResourceLoader resourceLoader,
            ObjectProvider<SharedDaemons> shared) {
        return DaemonShutdown.of(environment, resourceLoader.getClassLoader(), SpringApplication.getShutdownHandlers(),
                shared.getIfAvailable());
    }

    @Bean
    DaemonLifecycle daemonLifecycle(Daemons daemons, ObjectProvider<EarlyDaemonStart> earlyStart,
            DaemonShutdown daemonControllerShutdown, Environment environment) {
        return new DaemonLifecycle(daemons, earlyStart.getIfAvailable(), daemonControllerShutdown,
                DaemonThreads.of(environment).factory("lifecycle"));
    }
}
