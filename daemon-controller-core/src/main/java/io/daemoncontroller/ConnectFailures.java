package io.daemoncontroller;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.file.NoSuchFileException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recognizes the failures that mean "nothing answers there": the connection was never made, so nothing was sent
 * and the call is safe to repeat once the daemon runs. A connection reset is not one of them.
 */
final class ConnectFailures {

    private final Set<Class<? extends Throwable>> extraTypes;

    ConnectFailures(Collection<Class<? extends Throwable>> extraTypes) {
        this.extraTypes = Set.copyOf(extraTypes);
    }

    /** Whether {@code failure}, or any exception in its cause chain, is a connection failure. */
    boolean matches(Throwable failure) {
        return anyInCauseChain(failure, t -> isConnectFailureItself(t) || isExtraType(t));
    }

    private boolean isExtraType(Throwable failure) {
        for (Class<? extends Throwable> type : extraTypes) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code probe}, taking a connection failure it throws for "not up yet". */
    static boolean answersUnlessRefused(Probe probe) throws IOException, InterruptedException {
        try {
            return probe.answers();
        } catch (IOException ex) {
            if (isConnectFailure(ex)) {
                return false;
            }
            throw ex;
        }
    }

    /** One attempt to reach a daemon. */
    @FunctionalInterface
    interface Probe {

        boolean answers() throws IOException, InterruptedException;
    }

    /** The built-in recognition, for the failure itself and its cause chain. */
    static boolean isConnectFailure(Throwable failure) {
        return anyInCauseChain(failure, ConnectFailures::isConnectFailureItself);
    }

    private static boolean anyInCauseChain(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectFailureItself(Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException
                || failure instanceof PortUnreachableException || failure instanceof HttpConnectTimeoutException
                || failure instanceof NoSuchFileException) {
            return true;
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(Locale.ROOT);
        if (failure instanceof SocketTimeoutException) {
            return message.contains("connect timed out");
        }
        return failure instanceof SocketException && message.contains("no such file or directory");
    }
}
