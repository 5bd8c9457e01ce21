package io.daemoncontroller.boot.autoconfigure;

import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.lifecycle.DaemonLifecycleAutoConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * An application with the starter's daemons, for a run in a JVM of its own: its arguments are
 * {@code --key=value} properties; it starts the daemon named {@code echo}, prints {@code port=<its port>} and exits,
 * leaving an on-demand daemon running.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({DaemonControllerAutoConfiguration.class, DaemonLifecycleAutoConfiguration.class})
class AutoPortApplication {

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = application().run(args)) {
            context.getBean(Daemons.class).get("echo").start(Trigger.APPLICATION);
            System.out.println("port=" + context.getEnvironment().getProperty("daemon-controller.daemons.echo.port"));
        }
        System.exit(0);
    }

    static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AutoPortApplication.class).web(WebApplicationType.NONE);
    }
}
