package io.daemoncontroller.boot.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import io.daemoncontroller.DaemonController;
import org.springframework.beans.factory.config.SingletonBeanRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a {@link DaemonController} bean named {@code <name>DaemonController} for each daemon under
 * {@code daemon-controller.daemons}, unless the application declares a bean of that name: its entry then only
 * sets the daemon's lifecycle, required, tags and depends-on. Each bean is made by the factory method
 * {@code controller(name)} of the {@link ConfiguredDaemons} bean: a definition AOT processing can turn into code,
 * with the daemon's name as its only argument, so the set of daemons is fixed at build time while their settings
 * are bound when the application runs. The {@link ConfiguredDaemons} bean is the one the application's startup
 * built when it started the daemons before the context's refresh (whose definitions are then taken rather than bound
 * again), or else a bean made here. Publishes the daemons'
 * ports first ({@link DaemonPorts}), for a context that {@code SpringApplication} did not prepare. A context that
 * holds {@link SharedDaemons} does not close the controller beans: they outlive it.
 */
class DaemonControllerRegistrar implements ImportBeanDefinitionRegistrar {

    private final Environment environment;
    private final ClassLoader classLoader;

    /** Spring gives an import registrar these through its constructor. */
    DaemonControllerRegistrar(Environment environment, ClassLoader classLoader) {
        this.environment = environment;
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        DaemonPorts.publish(environment, classLoader);
        ConfiguredDaemons configured = ConfiguredDaemons.current(registry, environment).orElse(null);
        DaemonDefinitionBinder definitions = configured != null ? configured.definitions()
                : new DaemonDefinitionBinder(environment, classLoader);
        boolean builtAtStartup = registry instanceof SingletonBeanRegistry singletons
                && singletons.containsSingleton(ConfiguredDaemons.BEAN_NAME);
        boolean shared = registry instanceof SingletonBeanRegistry singletons
                && singletons.containsSingleton(SharedDaemons.BEAN_NAME);
        if (!builtAtStartup && !registry.containsBeanDefinition(ConfiguredDaemons.BEAN_NAME)) {
            registry.registerBeanDefinition(ConfiguredDaemons.BEAN_NAME,
                    new RootBeanDefinition(ConfiguredDaemons.class));
        }
        for (String name : definitions.names()) {
            DaemonDefinition definition = definitions.bind(name);
            String beanName = DaemonBeanNames.beanName(name);
            if (registry.containsBeanDefinition(beanName)) {
                rejectSecondDescription(definition, beanName);
                continue;
            }
            registry.registerBeanDefinition(beanName, controllerBean(name, shared));
        }
    }

    /**
     * The definition of a controller bean, which the context closes (ending supervision) unless it is
     * {@code shared} by the contexts of the JVM ({@link SharedDaemons}).
     */
    private static RootBeanDefinition controllerBean(String name, boolean shared) {
        RootBeanDefinition bean = new RootBeanDefinition();
        if (shared) {
            bean.setDestroyMethodName("");
        }
        bean.setTargetType(DaemonController.class);
        bean.setFactoryBeanName(ConfiguredDaemons.BEAN_NAME);
        bean.setFactoryMethodName("controller");
        bean.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        return bean;
    }

    private static void rejectSecondDescription(DaemonDefinition definition, String beanName) {
        List<ConfiguredValue<Object>> settings = definition.ownControllerSettings();
        if (!settings.isEmpty()) {
            ConfiguredValue<Object> first = settings.get(0);
            throw first.invalid("the application declares a DaemonController bean named " + beanName + " for this "
                    + "daemon, so " + settings.stream().map(ConfiguredValue::property).collect(Collectors.joining(
                            ", ")) + " describe it a second time",
                    "only lifecycle, required, tags and depends-on for a daemon whose DaemonController is a bean; or "
                            + "remove the bean and describe the daemon here");
        }
    }
}
