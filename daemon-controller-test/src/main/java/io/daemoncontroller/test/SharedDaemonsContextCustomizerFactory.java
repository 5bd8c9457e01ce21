package io.daemoncontroller.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.util.ClassUtils;

/**
 * Makes every Spring test context share the daemons under {@code daemon-controller.daemons} with every other test
 * context of the JVM, when the starter is on the class path: see {@link SharedDaemonsContextCustomizer}. Registered
 * in {@code META-INF/spring.factories}.
 */
final class SharedDaemonsContextCustomizerFactory implements ContextCustomizerFactory {

    private static final String SHARED_DAEMONS = "io.daemoncontroller.boot.autoconfigure.SharedDaemons";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return ClassUtils.isPresent(SHARED_DAEMONS, testClass.getClassLoader())
                ? new SharedDaemonsContextCustomizer() : null;
    }
}
