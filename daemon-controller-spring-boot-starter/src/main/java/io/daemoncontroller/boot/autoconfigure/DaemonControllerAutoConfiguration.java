package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the daemons: a {@link DaemonController} bean per daemon under
 * {@code daemon-controller.daemons}, and the {@link Daemons} registry of those and of the application's own
 * {@code DaemonController} beans. Off with {@code daemon-controller.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "daemon-controller.enabled", matchIfMissing = true)
@EnableConfigurationProperties(DaemonControllerProperties.class)
@Import(DaemonControllerRegistrar.class)
public final class DaemonControllerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Daemons daemons(ListableBeanFactory beanFactory, DaemonControllerProperties properties,
            ApplicationEventPublisher events) {
        List<ManagedDaemon> daemons = new ArrayList<>();
        for (Map.Entry<String, DaemonController> bean : beanFactory.getBeansOfType(DaemonController.class)
                .entrySet()) {
            DaemonDefinition definition = DaemonDefinition.of(DaemonBeanNames.daemonName(bean.getKey()), properties);
            daemons.add(new ManagedDaemon(definition.name(), bean.getValue(), definition.lifecycle(),
                    definition.required(), definition.tags(), events));
        }
        return new Daemons(daemons);
    }
}
