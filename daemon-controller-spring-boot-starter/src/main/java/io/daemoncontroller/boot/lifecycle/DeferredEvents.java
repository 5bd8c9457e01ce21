package io.daemoncontroller.boot.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Holds the events of daemons started before the application context can publish them, and passes them, then
 * every later one, to the context once it can, until it is closed (a daemon stopped when the JVM shuts down, after
 * the context, publishes nothing).
 */
final class DeferredEvents implements ApplicationEventPublisher {

    private final List<Object> held = new ArrayList<>();
    private ConfigurableApplicationContext target;

    @Override
    public void publishEvent(Object event) {
        ConfigurableApplicationContext context;
        synchronized (this) {
            if (target == null) {
                held.add(event);
                return;
            }
            context = target;
        }
        if (context.isActive()) {
            context.publishEvent(event);
        }
    }

    /** Publishes the held events to {@code context}, whose refresh began, and from now on every event. */
    void release(ConfigurableApplicationContext context) {
        List<Object> events;
        synchronized (this) {
            target = context;
            events = List.copyOf(held);
            held.clear();
        }
        for (Object event : events) {
            context.publishEvent(event);
        }
    }
}
