package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;

import io.daemoncontroller.DaemonController;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a {@link DaemonController} bean named {@code <name>DaemonController} for each daemon under
 * {@code daemon-controller.daemons}, unless the application declares a bean of that name: its entry then only
 * sets the daemon's lifecycle, required, tags and depends-on.
 */
class DaemonControllerRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        DaemonControllerProperties properties = Binder.get(environment)
                .bindOrCreate("daemon-controller", DaemonControllerProperties.class);
        DaemonControllerFactory factory = new DaemonControllerFactory(Path.of(""), classLoader);
        for (String name : properties.getDaemons().keySet()) {
            DaemonDefinition definition = DaemonDefinition.of(name, properties);
            String beanName = DaemonBeanNames.beanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                rejectSecondDescription(definition, beanName);
                continue;
            }
            registry.registerBeanDefinition(beanName,
                    new RootBeanDefinition(DaemonController.class, () -> factory.create(definition)));
        }
    }

    private static void rejectSecondDescription(DaemonDefinition definition, String beanName) {
        definition.firstControllerKey().ifPresent(property -> {
            throw new InvalidDaemonPropertyException(property, null, "the application declares a DaemonController"
                    + " bean named " + beanName + " for this daemon, so it is described twice",
                    "only lifecycle, required, tags and depends-on for a daemon whose DaemonController is a bean; or "
                            + "remove the bean and describe the daemon here");
        });
    }
}
