package io.daemoncontroller.boot.autoconfigure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.daemoncontroller.DaemonListener;
import io.daemoncontroller.boot.DaemonStateChangedEvent;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Listens to each daemon's controller and publishes each state change as a {@link DaemonStateChangedEvent}, in
 * order, from the controller's own event thread. Stops when the application context is destroyed, so that a
 * controller that lives on publishes nothing to a closed context.
 */
final class DaemonStateEventPublisher implements DisposableBean {

    private final Map<ManagedDaemon, DaemonListener> listeners = new LinkedHashMap<>();
    private volatile boolean open = true;

    DaemonStateEventPublisher(Collection<ManagedDaemon> daemons, ApplicationEventPublisher events) {
        for (ManagedDaemon daemon : daemons) {
            DaemonListener listener = change -> {
                if (open) {
                    events.publishEvent(new DaemonStateChangedEvent(daemon, change));
                }
            };
            listeners.put(daemon, listener);
            daemon.controller().addListener(listener);
        }
    }

    @Override
    public void destroy() {
        open = false;
        for (Map.Entry<ManagedDaemon, DaemonListener> listener : listeners.entrySet()) {
            listener.getKey().controller().removeListener(listener.getValue());
        }
    }
}
