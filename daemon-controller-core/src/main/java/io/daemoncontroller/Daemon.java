package io.daemoncontroller;

import java.util.OptionalLong;

final class Daemon {
    private final DaemonSpec spec;
    Daemon(DaemonSpec spec) { this.spec = spec; }
    void start() { throw new UnsupportedOperationException(); }
    void stop() { throw new UnsupportedOperationException(); }
    void restart() { throw new UnsupportedOperationException(); }
    <T, X extends Exception> T connect(Connector<T, X> connector) throws X { throw new UnsupportedOperationException(); }
    OptionalLong pid() { throw new UnsupportedOperationException(); }
    boolean answersPing() { throw new UnsupportedOperationException(); }
}
