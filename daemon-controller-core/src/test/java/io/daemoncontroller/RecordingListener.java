package io.daemoncontroller;

import io.daemoncontroller.testsupport.Await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A {@link DaemonListener} that keeps every change it hears, for tests to wait on and inspect. */
final class RecordingListener implements DaemonListener {

    private final List<DaemonStateChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(DaemonStateChange change) {
        changes.add(change);
    }

    /** The changes heard so far, in the order they arrived. */
    List<DaemonStateChange> changes() {
        return List.copyOf(changes);
    }

    /** The states entered so far, in order. */
    List<DaemonState> states() {
        return changes.stream().map(DaemonStateChange::to).toList();
    }

    /** How many changes into {@code state} were heard. */
    long count(DaemonState state) {
        return changes.stream().filter(change -> change.to() == state).count();
    }

    /** Waits until {@code count} changes into {@code state} were heard; returns the last of them. */
    DaemonStateChange await(DaemonState state, int count, Duration timeout) {
        try {
            Await.until(count + " change(s) into " + state, timeout, () -> count(state) >= count);
        } catch (AssertionError notHeard) {
            throw new AssertionError(notHeard.getMessage() + "; heard: " + describe(), notHeard);
        }
        return changes.stream().filter(change -> change.to() == state).skip(count - 1).findFirst().orElseThrow();
    }

    /** Waits until a change matching {@code condition} was heard; returns the first such change. */
    DaemonStateChange await(String what, Duration timeout, Predicate<DaemonStateChange> condition) {
        try {
            return Await.value(what, timeout, () -> changes.stream().filter(condition).findFirst());
        } catch (AssertionError notHeard) {
            throw new AssertionError(notHeard.getMessage() + "; heard: " + describe(), notHeard);
        }
    }

    /** {@code STOPPED->STARTING (start requested), ...}, for messages. */
    String describe() {
        return String.join(", ", changes.stream()
                .map(change -> change.from() + "->" + change.to() + " (" + change.reason() + ")").toList());
    }
}
