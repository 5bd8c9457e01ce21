package io.daemoncontroller.boot.observation;

import java.util.Objects;
import java.util.OptionalLong;

import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link DaemonObservationConvention} knows about one operation on a daemon: which daemon and command, the
 * operation and its trigger from the start; its outcome and the daemon's pid once it ended.
 *
 * @since 0.1.0
 */
public final class DaemonObservationContext extends Observation.Context {

    private final String daemon;
    private final String command;
    private final Operation operation;
    private final Trigger trigger;
    private volatile @Nullable Outcome outcome;
    private volatile OptionalLong pid = OptionalLong.empty();

    /** An observation of {@code operation} on the daemon named {@code daemon}, whose start command is {@code command}. */
    public DaemonObservationContext(String daemon, String command, Operation operation, Trigger trigger) {
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.command = Objects.requireNonNull(command, "command");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        setName(DaemonObservation.of(operation).getName());
    }

    /** The daemon's name, as under {@code daemon-controller.daemons}. */
    public String daemon() {
        return daemon;
    }

    /** The daemon's start command, as configured. */
    public String command() {
        return command;
    }

    public Operation operation() {
        return operation;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** How the operation ended; {@code null} while it is under way. */
    public @Nullable Outcome outcome() {
        return outcome;
    }

    /** The pid of the daemon started, or stopped; empty when there is none, or not yet. */
    public OptionalLong pid() {
        return pid;
    }

    /** Records how the operation ended, and the daemon's pid then; call it before the observation is stopped. */
    public void ended(Outcome outcome, OptionalLong pid) {
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.pid = Objects.requireNonNull(pid, "pid");
    }
}
