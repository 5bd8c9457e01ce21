package io.daemoncontroller.boot.dependency;

import io.daemoncontroller.boot.DaemonDependency;
import org.springframework.aop.ClassFilter;
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
    private final ClassFilter carriesDependency;

    /** Looks into the beans of the classes {@code advisor} applies to. */
    DaemonDependencyCheck(ConfigurableListableBeanFactory beanFactory, DaemonDependencies dependencies,
            DaemonDependencyAdvisor advisor) {
        this.beanFactory = beanFactory;
        this.dependencies = dependencies;
        this.carriesDependency = advisor.getPointcut().getClassFilter();
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanFactory.getType(name, false);
            if (type != null && carriesDependency.matches(type)) {
                dependencies.check(ClassUtils.getUserClass(type));
            }
        }
    }
}
