package io.daemoncontroller.boot.autoconfigure;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Publishes the daemons' ports ({@link DaemonPorts}) once every other post-processor has added its properties, and
 * before the application context exists: as Boot's {@code random.*} values, they are in place before anything
 * binds or resolves them. Logs each auto port it chose, once logging is set up.
 */
class DaemonPortsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Log logger;

    DaemonPortsEnvironmentPostProcessor(DeferredLogFactory logs) {
        this.logger = logs.getLog(DaemonPortsEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, AutoPortOrigin> chosen = DaemonPorts.publish(environment, application.getClassLoader());
        for (Map.Entry<String, AutoPortOrigin> port : chosen.entrySet()) {
            logger.info("Daemon '" + port.getKey() + "': " + port.getValue());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
