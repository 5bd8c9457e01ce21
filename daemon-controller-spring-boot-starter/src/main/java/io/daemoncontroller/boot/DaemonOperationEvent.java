package io.daemoncontroller.boot;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.daemoncontroller.StartTimeoutException;
import io.daemoncontroller.StopTimeoutException;
import org.springframework.context.ApplicationEvent;

/**
 * Published after every start, stop and restart this application performs on a daemon, whatever its outcome: what
 * was done, why, how it ended and how long it took. Each operation is also observed, as a
 * {@link io.daemoncontroller.boot.observation.DaemonObservation}, while it runs, when it can be.
 *
 * @since 0.1.0
 */
public final class DaemonOperationEvent extends ApplicationEvent {

    private final Operation operation;
    private final Trigger trigger;
    private final Outcome outcome;
    private final Duration duration;
    private final boolean observed;
    private final RuntimeException failure;

    DaemonOperationEvent(ManagedDaemon daemon, Operation operation, Trigger trigger, Outcome outcome,
            Duration duration, boolean observed, RuntimeException failure) {
        super(daemon);
        this.operation = operation;
        this.trigger = trigger;
        this.outcome = outcome;
        this.duration = duration;
        this.observed = observed;
        this.failure = failure;
    }

    /** The daemon acted on. */
    public ManagedDaemon daemon() {
        return (ManagedDaemon) getSource();
    }

    public Operation operation() {
        return operation;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** How long the operation took, including waiting for another one on the same daemon to finish. */
    public Duration duration() {
        return duration;
    }

    /**
     * Whether the operation was observed (see {@link io.daemoncontroller.boot.observation.DaemonObservations}); it
     * is not when it ran before the application context had its {@code ObservationRegistry}, as the start of a
     * daemon due at startup does, or when the application has none. The timer of such an operation is recorded
     * from this event.
     */
    public boolean isObserved() {
        return observed;
    }

    /** Why the operation failed, when its outcome is {@link Outcome#FAILURE} or {@link Outcome#TIMEOUT}. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** What was done to the daemon. */
    public enum Operation {
        START, STOP, RESTART
    }

    /** Why it was done. */
    public enum Trigger {

        /** The application started, and the daemon's lifecycle starts it then. */
        STARTUP,

        /** The application stopped, and the daemon's lifecycle stops it then. */
        SHUTDOWN,

        /** A {@link DaemonDependency} call could not connect to it. */
        CONNECT_FAILURE,

        /** An operator asked through the {@code daemons} actuator endpoint. */
        ENDPOINT,

        /** Application code called {@link ManagedDaemon}. */
        APPLICATION,

        /**
         * The daemon's supervisor restarted it after it died: the trigger of such a restart's observation. No
         * {@link DaemonOperationEvent} has it, since the application did not perform the restart.
         */
        SUPERVISOR;

        /** The value used in metric tags, such as {@code connect-failure}. */
        public String tagValue() {
            return tagValueOf(this);
        }
    }

    /** How it ended. */
    public enum Outcome {

        /** Done: the daemon was started, stopped or restarted. */
        SUCCESS,

        /** Nothing to do: it was already running, or not running. */
        SKIPPED,

        /** It failed; see {@link #failure()}. */
        FAILURE,

        /** It did not finish in time; see {@link #failure()}. */
        TIMEOUT;

        /** The outcome of an operation that threw {@code failure}. */
        static Outcome of(RuntimeException failure) {
            return failure instanceof StartTimeoutException || failure instanceof StopTimeoutException ? TIMEOUT
                    : FAILURE;
        }

        /** The value used in metric tags, such as {@code success}. */
        public String tagValue() {
            return tagValueOf(this);
        }
    }

    private static String tagValueOf(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
