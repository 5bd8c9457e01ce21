package io.daemoncontroller;

/**
 * Opens a connection to a daemon, for {@link DaemonController#connect}. Returning {@code null} or throwing a
 * connection failure (such as {@link java.net.ConnectException}) means the daemon is not reachable.
 *
 * @param <T> what a connection is, such as a {@link java.net.Socket} or a client
 * @param <X> the checked exception the connector may throw
 */
@FunctionalInterface
public interface Connector<T, X extends Exception> {

    T connect() throws X;
}
