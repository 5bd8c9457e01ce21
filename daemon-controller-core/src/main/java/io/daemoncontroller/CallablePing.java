package io.daemoncontroller;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

record CallablePing(Callable<?> probe, Duration timeout) implements Ping {

    /** Runs probes so that one that hangs can be abandoned at its timeout. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "daemon-controller-ping");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public boolean answers() throws Exception {
        Future<?> result = PROBES.submit(probe);
        Object value;
        try {
            value = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            result.cancel(true);
            return false;
        } catch (ExecutionException ex) {
            if (ConnectFailures.isConnectFailure(ex.getCause())) {
                return false;
            }
            throw ex.getCause() instanceof Exception cause ? cause : ex;
        }
        if (value instanceof AutoCloseable closeable) {
            closeable.close();
        }
        return value != null && !Boolean.FALSE.equals(value);
    }

    @Override
    public Ping withTimeout(Duration timeout) {
        return new CallablePing(probe, Timeouts.positive(timeout, "ping timeout"));
    }

    @Override
    public String toString() {
        return "custom ping";
    }
}
