package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.observation.DaemonObservationConvention;
import io.daemoncontroller.boot.observation.DaemonObservations;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the daemons: a {@link DaemonController} bean per daemon under
 * {@code daemon-controller.daemons} (built by {@link ConfiguredDaemons}), the {@link Daemons} registry of those and
 * of the application's own {@code DaemonController} beans, and a {@link io.daemoncontroller.boot.DaemonStateChangedEvent} for each state
 * change of each. Off with {@code daemon-controller.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "daemon-controller.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DaemonControllerProperties.class)
@Import(DaemonControllerRegistrar.class)
public final class DaemonControllerAutoConfiguration {

    /**
     * The registry. Each daemon is built after those it depends on, so a {@code depends-on} that names no daemon or
     * closes a cycle fails here, naming the property. Binds the entries of the application's own
     * {@code DaemonController} beans only: {@link ConfiguredDaemons} has bound the others.
     */
    @Bean
    @ConditionalOnMissingBean
    Daemons daemons(ConfigurableListableBeanFactory beanFactory, Environment environment,
            ConfiguredDaemons configured, ApplicationEventPublisher events, DaemonObservations observations) {
        Map<String, DaemonController> controllers = byDaemonName(beanFactory.getBeansOfType(DaemonController.class));
        DaemonDefinitionBinder binder = null;
        Map<String, DaemonDefinition> definitions = new LinkedHashMap<>();
        for (String name : controllers.keySet()) {
            DaemonDefinition definition = configured.definition(name).orElse(null);
            if (definition == null) {
                if (binder == null) {
                    binder = new DaemonDefinitionBinder(environment, beanFactory.getBeanClassLoader());
                }
                definition = binder.bind(name);
            }
            definitions.put(name, definition);
        }
        Map<String, ManagedDaemon> daemons = new HashMap<>();
        for (String name : new DaemonDependencyGraph(definitions).dependenciesFirst()) {
            DaemonDefinition definition = definitions.get(name);
            ManagedDaemon built = configured.find(name).orElse(null);
            if (built != null && built.controller() == controllers.get(name)) {
                daemons.put(name, built);
                continue;
            }
            List<ManagedDaemon> dependencies = new ArrayList<>();
            for (ConfiguredValue<String> dependency : definition.dependsOn()) {
                dependencies.add(daemons.get(dependency.value()));
            }
            daemons.put(name, new ManagedDaemon(name, controllers.get(name), definition.lifecycle(),
                    definition.required(), definition.tags(), dependencies, events, observations));
        }
        List<ManagedDaemon> all = new ArrayList<>();
        for (String name : definitions.keySet()) {
            all.add(daemons.get(name));
        }
        return new Daemons(all);
    }

    /** Lets {@code ${instance}} stand in values wherever the application binds {@link DaemonControllerProperties}. */
    @Bean
    static InstancePlaceholderBindHandlerAdvisor daemonInstancePlaceholderBindHandlerAdvisor() {
        return new InstancePlaceholderBindHandlerAdvisor();
    }

    /** Reads {@code ping} values wherever the application binds {@link DaemonControllerProperties}. */
    @Bean
    @ConfigurationPropertiesBinding
    static PingPropertyConverter daemonPingPropertyConverter() {
        return new PingPropertyConverter();
    }

    /**
     * How starts, stops and restarts are observed: in the application's {@link ObservationRegistry} (none: not at
     * all), named by its {@link DaemonObservationConvention} bean if it has one.
     */
    @Bean
    @ConditionalOnMissingBean
    DaemonObservations daemonObservations(ObjectProvider<ObservationRegistry> registry,
            ObjectProvider<DaemonObservationConvention> convention) {
        ObservationRegistry available = registry.getIfAvailable();
        return new DaemonObservations(available != null ? available : ObservationRegistry.NOOP,
                convention.getIfAvailable());
    }

    /** Publishes the state changes of the daemons but those {@link ConfiguredDaemons} publishes itself. */
    @Bean
    DaemonStateEventPublisher daemonStateEventPublisher(Daemons daemons, ConfiguredDaemons configured,
            ApplicationEventPublisher events) {
        List<ManagedDaemon> built = configured.all();
        List<ManagedDaemon> others = new ArrayList<>();
        for (ManagedDaemon daemon : daemons.all()) {
            if (!built.contains(daemon)) {
                others.add(daemon);
            }
        }
        return new DaemonStateEventPublisher(others, events);
    }

    private static Map<String, DaemonController> byDaemonName(Map<String, DaemonController> beans) {
        Map<String, DaemonController> byName = new LinkedHashMap<>();
        for (Map.Entry<String, DaemonController> bean : beans.entrySet()) {
            String name = DaemonBeanNames.daemonName(bean.getKey());
            if (byName.putIfAbsent(name, bean.getValue()) != null) {
                throw new IllegalArgumentException("Two DaemonController beans are the daemon '" + name + "'; give"
                        + " each its own bean name");
            }
        }
        return byName;
    }
}
