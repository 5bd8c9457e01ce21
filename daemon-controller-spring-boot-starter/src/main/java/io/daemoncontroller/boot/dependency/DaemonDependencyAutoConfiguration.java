package io.daemoncontroller.boot.dependency;

import io.daemoncontroller.boot.DaemonDependency;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Auto-configuration of {@link DaemonDependency}: a Spring AOP advisor (no AspectJ weaver), with an auto-proxy
 * creator in case the application has none.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DaemonControllerAutoConfiguration.class)
@ConditionalOnBean(Daemons.class)
@Import(DaemonDependencyAutoConfiguration.AutoProxyCreatorRegistrar.class)
public final class DaemonDependencyAutoConfiguration {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static DaemonDependencyAdvisor daemonDependencyAdvisor(ObjectProvider<DaemonDependencyRecovery> recovery) {
        return new DaemonDependencyAdvisor(new DaemonDependencyInterceptor(recovery));
    }

    @Bean
    DaemonDependencies daemonDependencies(Daemons daemons) {
        return new DaemonDependencies(daemons);
    }

    @Bean
    DaemonDependencyRecovery daemonDependencyRecovery(DaemonDependencies dependencies,
            DaemonControllerProperties properties) {
        return new DaemonDependencyRecovery(dependencies, properties.getDependencyRetry());
    }

    @Bean
    DaemonDependencyCheck daemonDependencyCheck(ConfigurableListableBeanFactory beanFactory,
            DaemonDependencies dependencies, DaemonDependencyAdvisor advisor) {
        return new DaemonDependencyCheck(beanFactory, dependencies, advisor);
    }

    /** Registers Spring's infrastructure auto-proxy creator unless the application already has one. */
    static class AutoProxyCreatorRegistrar implements ImportBeanDefinitionRegistrar {

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        }
    }
}
