package io.daemoncontroller.boot.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.daemoncontroller.boot.DaemonOperationEvent;
import org.springframework.context.ApplicationListener;

/** Records every {@link DaemonOperationEvent}, for tests to check what was done to which daemon. */
public class RecordedOperations implements ApplicationListener<DaemonOperationEvent> {

    private final List<DaemonOperationEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(DaemonOperationEvent event) {
        events.add(event);
    }

    public List<DaemonOperationEvent> events() {
        return List.copyOf(events);
    }
}
