package io.daemoncontroller.boot.lifecycle;

import io.daemoncontroller.boot.autoconfigure.ConfiguredDaemons;
import io.daemoncontroller.boot.autoconfigure.DaemonThreads;
import io.daemoncontroller.boot.autoconfigure.DaemonsBoundAhead;
import io.daemoncontroller.boot.autoconfigure.SharedDaemons;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

/**
 * Starts the daemons described in properties when the application is prepared, before the context's refresh
 * creates any bean, so that beans that connect while they are created (migrations, connection pools, clients
 * that connect in their constructor) find their daemons up; and arranges that they are stopped after every bean is
 * destroyed. Boot's Docker Compose support starts its services from the same event. The daemons are bound and
 * their controllers built in a thread of their own from the moment the environment is prepared (after every
 * environment post-processor and the listeners before this one), while Boot creates and prepares the context, so
 * that binding them and loading the classes that control them does not hold up their start; they are started in a
 * thread of their own while the refresh reads the application's configuration. A post-processor added to the
 * context waits for them after every bean definition is known and before any bean of the application is created
 * (only the context's bean definition registry post-processors exist then), and fails the refresh when a property
 * is invalid or a daemon failed to start. Does nothing while the application is AOT-processed, nor with
 * {@code daemon-controller.enabled=false}.
 */
class DaemonStartupListener implements GenericApplicationListener {

    private final SpringApplicationShutdownHandlers shutdownHandlers;
    private DaemonsBoundAhead boundAhead;

    DaemonStartupListener() {
        this(SpringApplication.getShutdownHandlers());
    }

    DaemonStartupListener(SpringApplicationShutdownHandlers shutdownHandlers) {
        this.shutdownHandlers = shutdownHandlers;
    }

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type));
    }

    /** After Boot's own listeners of the prepared environment, which post-process it and set up logging. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared && manages(prepared.getEnvironment())) {
            boundAhead = DaemonsBoundAhead.begin(prepared.getEnvironment(),
                    prepared.getSpringApplication().getClassLoader());
        } else if (event instanceof ApplicationPreparedEvent prepared
                && manages(prepared.getApplicationContext().getEnvironment())) {
            start(prepared.getApplicationContext());
        }
    }

    private static boolean manages(Environment environment) {
        return !Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
                && environment.getProperty("daemon-controller.enabled", Boolean.class, true);
    }

    private void start(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
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
                observations.observations(), boundAhead);
        boundAhead = null;
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
