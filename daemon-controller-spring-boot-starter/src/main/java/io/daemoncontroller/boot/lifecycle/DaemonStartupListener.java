package io.daemoncontroller.boot.lifecycle;

import io.daemoncontroller.boot.autoconfigure.ConfiguredDaemons;
import io.daemoncontroller.boot.autoconfigure.DaemonThreads;
import io.daemoncontroller.boot.autoconfigure.SharedDaemons;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.Environment;

/**
 * Starts the daemons described in properties when the application is prepared, before the context's refresh
 * creates any bean, so that beans that connect while they are created (migrations, connection pools, clients
 * that connect in their constructor) find their daemons up; and arranges that they are stopped after every bean is
 * destroyed. Boot's Docker Compose support starts its services from the same event. The daemons are bound, built
 * and started in a thread of their own while the refresh reads the application's configuration (binding them and
 * loading the classes that control them would otherwise add tens of milliseconds to a cold start); a
 * post-processor added to the context waits for them after every bean definition is known and before any bean of
 * the application is created (only the context's bean definition registry post-processors exist then), and fails
 * the refresh when a property is invalid or a daemon failed to start. Does nothing while the
 * application is AOT-processed, nor with {@code daemon-controller.enabled=false}.
 */
class DaemonStartupListener implements ApplicationListener<ApplicationPreparedEvent> {

    private final SpringApplicationShutdownHandlers shutdownHandlers;

    DaemonStartupListener() {
        this(SpringApplication.getShutdownHandlers());
    }

    DaemonStartupListener(SpringApplicationShutdownHandlers shutdownHandlers) {
        this.shutdownHandlers = shutdownHandlers;
    }

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        Environment environment = context.getEnvironment();
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                || !environment.getProperty("daemon-controller.enabled", Boolean.class, true)) {
            return;
        }
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        DaemonShutdown shutdown = DaemonShutdown.of(environment, context.getClassLoader(), shutdownHandlers,
                SharedDaemons.in(context).orElse(null));
        beanFactory.registerSingleton(DaemonShutdown.BEAN_NAME, shutdown);
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(DaemonShutdown.BEAN_NAME, shutdown);
        }
        DeferredEvents events = new DeferredEvents();
        LateObservations observations = new LateObservations(context);
        ConfiguredDaemons daemons = ConfiguredDaemons.buildOnFirstUse(environment, context, events,
                observations.observations());
        beanFactory.registerSingleton(ConfiguredDaemons.BEAN_NAME, daemons);
        EarlyDaemonStart start = EarlyDaemonStart.begin(daemons, shutdown,
                DaemonThreads.of(environment).factory("lifecycle"), () -> {
                    events.release(context);
                    observations.ready();
                });
        beanFactory.registerSingleton(EarlyDaemonStart.BEAN_NAME, start);
        context.addBeanFactoryPostProcessor(factory -> start.await());
    }
}
