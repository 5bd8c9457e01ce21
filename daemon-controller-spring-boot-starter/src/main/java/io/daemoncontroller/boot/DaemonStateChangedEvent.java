package io.daemoncontroller.boot;

import java.time.Instant;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStateChange;
import org.springframework.context.ApplicationEvent;

/**
 * Published for every state change of a daemon, such as {@code RUNNING -> BACKOFF} when it died and is about to be
 * restarted, or {@code -> FAILED} when it crashed for good: listen with {@code @EventListener} to alert on a crash.
 * A daemon's events are published one at a time, in the order its changes happened, on a thread of its
 * controller's own (not the thread that caused the change), so a slow listener delays that daemon's later events,
 * never the daemon. Events of different daemons are not ordered with each other.
 *
 * @since 0.1.0
 */
public final class DaemonStateChangedEvent extends ApplicationEvent {

    private final DaemonStateChange change;

    /** {@code daemon} went through {@code change}. */
    public DaemonStateChangedEvent(ManagedDaemon daemon, DaemonStateChange change) {
        super(daemon);
        this.change = change;
    }

    /**
     * The change, with its structured facts: its cause, and the daemon's status right after it (last exit, restart
     * count, pid).
     */
    public DaemonStateChange change() {
        return change;
    }

    /** The daemon whose state changed. */
    public ManagedDaemon daemon() {
        return (ManagedDaemon) getSource();
    }

    /** The daemon's name, as under {@code daemon-controller.daemons}. */
    public String daemonName() {
        return daemon().name();
    }

    /** The state it left. */
    public DaemonState from() {
        return change.from();
    }

    /** The state it entered. */
    public DaemonState to() {
        return change.to();
    }

    /** Why, such as {@code "terminated by signal SIGKILL; restarting in 1000 ms"} or {@code "stop requested"}. */
    public String reason() {
        return change.reason();
    }

    /** When it entered the new state. */
    public Instant at() {
        return change.at();
    }

    @Override
    public String toString() {
        return "DaemonStateChangedEvent[" + daemonName() + ": " + from() + " -> " + to() + ", " + reason() + "]";
    }
}
