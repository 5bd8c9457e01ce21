package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers a bean for each connection details a daemon under {@code daemon-controller.daemons} gives (see
 * {@link ServiceConnections}), named as Boot's Docker Compose support names its own, such as
 * {@code dataRedisConnectionDetailsForRedis}. Each is made by the factory method
 * {@code connectionDetails(name, type)} of the {@link ConfiguredDaemons} bean, a definition AOT processing can turn
 * into code: which beans exist is fixed at build time, their values are bound when the application runs. Registered
 * before Boot's auto-configurations of the clients, whose own connection details, from {@code spring.*} properties,
 * then back off. In an application whose startup built the daemons, takes their definitions and connection details
 * from {@link ConfiguredDaemons} rather than binding them again.
 */
class ServiceConnectionsRegistrar implements ImportBeanDefinitionRegistrar {

    private final Environment environment;
    private final ClassLoader classLoader;

    /** Spring gives an import registrar these through its constructor. */
    ServiceConnectionsRegistrar(Environment environment, ClassLoader classLoader) {
        this.environment = environment;
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        ConfiguredDaemons configured = ConfiguredDaemons.current(registry, environment).orElse(null);
        DaemonDefinitionBinder definitions = configured != null ? configured.definitions()
                : new DaemonDefinitionBinder(environment, classLoader);
        ServiceConnections connections = configured != null ? null : new ServiceConnections(environment, classLoader);
        for (String name : definitions.names()) {
            DaemonDefinition definition = definitions.bind(name);
            if (definition.ownControllerSettings().isEmpty()) {
                continue;
            }
            Set<Class<?>> types = configured != null ? configured.connectionDetailTypes(name)
                    : connections.details(definition).keySet();
            for (Class<?> type : types) {
                registry.registerBeanDefinition(beanName(name, type), connectionDetailsBean(name, type));
            }
        }
    }

    private static RootBeanDefinition connectionDetailsBean(String name, Class<?> type) {
        RootBeanDefinition bean = new RootBeanDefinition();
        bean.setTargetType(type);
        bean.setFactoryBeanName(ConfiguredDaemons.BEAN_NAME);
        bean.setFactoryMethodName("connectionDetails");
        bean.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        bean.getConstructorArgumentValues().addIndexedArgumentValue(1, type);
        return bean;
    }

    private static String beanName(String daemon, Class<?> type) {
        List<String> parts = new ArrayList<>();
        parts.add(ClassUtils.getShortNameAsProperty(type));
        parts.add("for");
        parts.addAll(Arrays.asList(daemon.split("-")));
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(StringUtils.capitalize(part));
        }
        return StringUtils.uncapitalize(name.toString());
    }
}
