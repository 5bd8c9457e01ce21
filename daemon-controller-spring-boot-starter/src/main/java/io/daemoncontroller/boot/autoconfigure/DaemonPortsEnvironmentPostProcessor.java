package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Publishes the daemons' ports ({@link DaemonPorts}) once every other post-processor has added its properties, and
 * before the application context exists: as Boot's {@code random.*} values, they are in place before anything
 * binds or resolves them.
 */
class DaemonPortsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DaemonPorts.publish(environment, application.getClassLoader());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
