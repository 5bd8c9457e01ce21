package io.daemoncontroller.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.Daemon;
import org.springframework.beans.propertyeditors.ClassEditor;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.Environment;

/**
 * Binds each daemon's settings from the environment in layers: the built-in defaults (the field initializers of
 * {@link Daemon}), then the keys under {@code daemon-controller.defaults}, then the daemon's own keys, each bound
 * onto the same instance. Records every property it binds, so that a message can name the one at fault and where
 * it was set.
 */
final class DaemonDefinitionBinder {

    private static final ConfigurationPropertyName DAEMONS =
            ConfigurationPropertyName.of(DaemonDefinition.PREFIX + "daemons");

    private final Binder binder;

    /** Loads the classes of {@code connect-failures} with {@code classLoader}. */
    DaemonDefinitionBinder(Environment environment, ClassLoader classLoader) {
        ApplicationConversionService conversions = new ApplicationConversionService();
        conversions.addConverter(new PingPropertyConverter());
        this.binder = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment), List.of(conversions),
                editors -> editors.registerCustomEditor(Class.class, new ClassEditor(classLoader)), null, null);
    }

    /** The names of the daemons under {@code daemon-controller.daemons}, in configuration order. */
    List<String> names() {
        return binder.bind(DAEMONS, Bindable.mapOf(String.class, Daemon.class))
                .map(daemons -> List.copyOf(daemons.keySet()))
                .orElse(List.of());
    }

    /** The definition of the daemon {@code name}; only the defaults apply when it has no keys of its own. */
    DaemonDefinition bind(String name) {
        Daemon settings = new Daemon();
        PropertyRecorder recorder = new PropertyRecorder();
        binder.bind(DaemonDefinition.DEFAULTS, Bindable.ofInstance(settings), recorder);
        binder.bind(DaemonDefinition.ownSection(name), Bindable.ofInstance(settings), recorder);
        return new DaemonDefinition(name, settings, recorder.bound);
    }

    /**
     * Keeps each property that was bound to a value, by the name it was bound to. A blank string, as an empty YAML
     * key gives, is left unbound, whatever it converts to (an empty list, say), so that the layer below shows
     * through.
     */
    private static final class PropertyRecorder implements BindHandler {

        private final Map<ConfigurationPropertyName, ConfigurationProperty> bound = new LinkedHashMap<>();

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Object result) {
            if (isBlank(result) || writtenBlank(name, context)) {
                return null;
            }
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getName().equals(name)) {
                bound.put(name, property);
            }
            return result;
        }

        private static boolean writtenBlank(ConfigurationPropertyName name, BindContext context) {
            for (ConfigurationPropertySource source : context.getSources()) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null) {
                    return isBlank(property.getValue());
                }
            }
            return false;
        }

        private static boolean isBlank(Object value) {
            return value instanceof String text && text.isBlank();
        }
    }
}
