package io.daemoncontroller.test;

/**
 * How long a {@link Daemon @Daemon} runs.
 *
 * @since 0.2.0
 */
public enum DaemonScope {

    /** Started before the test class's tests, stopped after them. */
    CLASS,

    /**
     * Started before the tests of the first test class that declares it and stopped when the JVM exits; every
     * later test class of the JVM that declares the same daemon (the same PID file) uses the running one. A later
     * class may declare it with a controller of its own, which must describe the same daemon (identifier, start
     * command, ping, PID file and log file); that controller then takes the running daemon as its own for the
     * class (status {@code RUNNING}, found running) and stops supervising it after the class.
     */
    JVM
}
