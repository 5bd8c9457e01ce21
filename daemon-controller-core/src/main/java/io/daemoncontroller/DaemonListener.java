package io.daemoncontroller;

/**
 * Hears every state change of a daemon, in the order they happen, on a thread of the controller's own (so a slow
 * listener delays other listeners, never the daemon). An exception thrown by a listener is logged and ignored.
 */
@FunctionalInterface
public interface DaemonListener {

    void stateChanged(DaemonStateChange change);
}
