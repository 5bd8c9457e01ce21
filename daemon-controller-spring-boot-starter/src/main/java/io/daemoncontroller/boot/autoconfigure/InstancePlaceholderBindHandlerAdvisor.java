package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Leaves unbound, in the application's own binding of {@link DaemonControllerProperties}, a daemon's value that
 * cannot be converted because it holds {@code ${instance}}, which only has a value when each instance is bound (a
 * ping such as {@code tcp://localhost:808${instance}}). The daemons themselves are bound by
 * {@link DaemonDefinitionBinder}, with the placeholder resolved, which reports any value that is still wrong.
 */
final class InstancePlaceholderBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("daemon-controller");

    private static final String PLACEHOLDER = "${" + DaemonDefinitionBinder.INSTANCE + "}";

    @Override
    public BindHandler apply(BindHandler handler) {
        return new AbstractBindHandler(handler) {

            @Override
            public Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                    Exception error) throws Exception {
                ConfigurationProperty property = context.getConfigurationProperty();
                if (ROOT.isAncestorOf(name) && property != null && property.getValue() instanceof String value
                        && value.contains(PLACEHOLDER)) {
                    return null;
                }
                return super.onFailure(name, target, context, error);
            }
        };
    }
}
