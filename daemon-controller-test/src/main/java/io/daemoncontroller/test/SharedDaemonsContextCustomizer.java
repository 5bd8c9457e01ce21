package io.daemoncontroller.test;

import io.daemoncontroller.boot.autoconfigure.SharedDaemons;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Registers the JVM's {@link SharedDaemons} in a test context before it is refreshed: its daemons are then started
 * once for every test context of the JVM, never stopped when a context closes, and stopped when the JVM shuts down,
 * or, when it is killed, by the {@link JvmExitGuard}.
 * Every instance is equal to every other, so that it does not split Spring's test context cache.
 */
final class SharedDaemonsContextCustomizer implements ContextCustomizer {

    /**
     * The JVM's: the one thing the test contexts of a JVM share is the JVM. The daemons its contexts start are
     * guarded against the JVM's death without its shutdown hooks.
     */
    private static final SharedDaemons JVM_DAEMONS = new SharedDaemons(
            controller -> JvmExitGuard.jvm().guard(controller));

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        context.getBeanFactory().registerSingleton(SharedDaemons.BEAN_NAME, JVM_DAEMONS);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
