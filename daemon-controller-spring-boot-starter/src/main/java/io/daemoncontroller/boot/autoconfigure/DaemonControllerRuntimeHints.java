package io.daemoncontroller.boot.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * Lets a native image bind each daemon's settings: {@link ConfiguredDaemons} binds
 * {@link DaemonControllerProperties.Daemon} with its own {@code Binder} when the application runs, outside the
 * {@code @ConfigurationProperties} bean whose hints Boot registers itself.
 */
class DaemonControllerRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        BindableRuntimeHintsRegistrar.forTypes(DaemonControllerProperties.class).registerHints(hints, classLoader);
    }
}
