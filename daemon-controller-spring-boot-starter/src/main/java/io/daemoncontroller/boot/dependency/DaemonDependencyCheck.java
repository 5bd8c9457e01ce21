package io.daemoncontroller.boot.dependency;

import io.daemoncontroller.boot.DaemonDependency;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Fails the application's startup when a {@link DaemonDependency} on a bean names a daemon that does not exist,
 * rather than on the first call that cannot connect. Looks into the beans that carry one only.
 */
final class DaemonDependencyCheck implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;
    private final DaemonDependencies dependencies;

    DaemonDependencyCheck(ConfigurableListableBeanFactory beanFactory, DaemonDependencies dependencies) {
        this.beanFactory = beanFactory;
        this.dependencies = dependencies;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && DaemonDependencyClassFilter.INSTANCE.matches(type)) {
                dependencies.check(ClassUtils.getUserClass(type));
            }
        }
    }
}
