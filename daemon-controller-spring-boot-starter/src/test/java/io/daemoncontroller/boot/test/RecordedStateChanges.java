package io.daemoncontroller.boot.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.boot.DaemonStateChangedEvent;
import io.daemoncontroller.testsupport.Await;
import org.springframework.context.event.EventListener;

/** Records every {@link DaemonStateChangedEvent}, through {@code @EventListener} as an application would. */
public class RecordedStateChanges {

    private final List<DaemonStateChangedEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    public void record(DaemonStateChangedEvent event) {
        events.add(event);
    }

    /** The events of {@code daemon}, in the order they arrived. */
    public List<DaemonStateChangedEvent> of(String daemon) {
        return events.stream().filter(event -> event.daemonName().equals(daemon)).toList();
    }

    /** The changes of {@code daemon}, in the order they arrived, as {@code STOPPED -> STARTING}. */
    public List<String> transitions(String daemon) {
        return of(daemon).stream().map(event -> event.from() + " -> " + event.to()).toList();
    }

    /** Waits until {@code daemon} entered {@code state} {@code count} times; returns the last of those events. */
    public DaemonStateChangedEvent await(String daemon, DaemonState state, int count, Duration timeout) {
        try {
            Await.until(daemon + " to enter " + state + " " + count + " time(s)", timeout,
                    () -> entries(daemon, state).size() >= count);
        } catch (AssertionError notYet) {
            throw new AssertionError(notYet.getMessage() + "; heard " + transitions(daemon), notYet);
        }
        return entries(daemon, state).get(count - 1);
    }

    private List<DaemonStateChangedEvent> entries(String daemon, DaemonState state) {
        return of(daemon).stream().filter(event -> event.to() == state).toList();
    }
}
