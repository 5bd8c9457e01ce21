package io.daemoncontroller.boot;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

import io.daemoncontroller.AlreadyStartedException;
import io.daemoncontroller.DaemonController;
import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStatus;
import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.observation.DaemonObservationContext;
import io.daemoncontroller.boot.observation.DaemonObservations;
import io.micrometer.observation.Observation;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A daemon this application knows: its {@link DaemonController} with the application's settings for it (name,
 * lifecycle, whether it is required, tags, the daemons it depends on). Start, stop and restart it through this
 * class rather than through the controller, so that the daemons it depends on are started first, the application
 * knows whether it started the daemon (a {@code start-and-stop} daemon is stopped at shutdown only then) and a
 * {@link DaemonOperationEvent} is published and a {@link io.daemoncontroller.boot.observation.DaemonObservation}
 * made for each operation. Thread-safe; concurrent starts start the daemon
 * once (the controller's lock serializes them).
 *
 * @since 0.1.0
 */
public final class ManagedDaemon {

    private final String name;
    private final DaemonController controller;
    private final LifecycleManagement lifecycle;
    private final boolean required;
    private final List<String> tags;
    private final List<ManagedDaemon> dependencies;
    private final ApplicationEventPublisher events;
    private final DaemonObservations observations;
    private volatile boolean startedByThisApplication;
    private volatile boolean answeredLastPing;

    /**
     * A daemon named {@code name} (as under {@code daemon-controller.daemons}), controlled by {@code controller},
     * that needs {@code dependencies} up before it starts, whose operations are published to {@code events} and
     * observed in {@code observations}. Being built from daemons that exist already, dependencies cannot form a
     * cycle.
     */
    public ManagedDaemon(String name, DaemonController controller, LifecycleManagement lifecycle, boolean required,
            Collection<String> tags, List<ManagedDaemon> dependencies, ApplicationEventPublisher events,
            DaemonObservations observations) {
        this.name = Objects.requireNonNull(name, "name");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.required = required;
        this.tags = List.copyOf(tags);
        this.dependencies = List.copyOf(dependencies);
        this.events = Objects.requireNonNull(events, "events");
        this.observations = Objects.requireNonNull(observations, "observations");
    }

    public String name() {
        return name;
    }

    public DaemonController controller() {
        return controller;
    }

    public LifecycleManagement lifecycle() {
        return lifecycle;
    }

    /** Whether the application needs the daemon up: when it is not, health reports DOWN. */
    public boolean isRequired() {
        return required;
    }

    public List<String> tags() {
        return tags;
    }

    /** The daemons this one depends on ({@code depends-on}): they must answer before it starts. */
    public List<ManagedDaemon> dependencies() {
        return dependencies;
    }

    /**
     * The controller's state, with one difference: a daemon that this application does not control
     * ({@link LifecycleManagement#NONE}) and that the controller sees as stopped counts as {@link DaemonState#RUNNING}
     * when it answered its last ping ({@link #answersPing()}: each health check pings), since something else runs it,
     * maybe where no PID file can show it. Pings nothing and reads no file.
     */
    public DaemonState state() {
        DaemonState state = controller.status().state();
        if (!lifecycle.isControlled() && state == DaemonState.STOPPED && answeredLastPing) {
            return DaemonState.RUNNING;
        }
        return state;
    }

    /**
     * Pings the daemon now, bounded by its ping timeout, and remembers the answer for {@link #state()}.
     *
     * @return whether it answered
     */
    public boolean answersPing() {
        boolean answers = controller.answersPing();
        answeredLastPing = answers;
        return answers;
    }

    /** The controller's status: state, uptime, last start duration, last error. Reads no file, takes no lock. */
    public DaemonStatus status() {
        return controller.status();
    }

    /** Whether this application started the daemon (and has not stopped it since). */
    public boolean isStartedByThisApplication() {
        return startedByThisApplication;
    }

    /**
     * Starts the daemons it depends on that do not answer (see {@link #dependencies()}), then the daemon unless it
     * runs, and returns when it answers its ping.
     *
     * @return whether this call started it; {@code false} when it already ran
     * @throws IllegalStateException when the daemon's lifecycle is {@link LifecycleManagement#NONE}, or it depends on a
     * daemon with lifecycle none that does not answer
     * @throws io.daemoncontroller.StartException when it, or a daemon it depends on, fails to start
     */
    public boolean start(Trigger trigger) {
        return perform(Operation.START, trigger, () -> {
            startDependencies(trigger);
            try {
                controller.start();
            } catch (AlreadyStartedException ex) {
                return false;
            }
            startedByThisApplication = true;
            return true;
        });
    }

    /**
     * Stops the daemon if it runs, or cancels its restart if it died and waits to be restarted
     * ({@link DaemonState#BACKOFF}), and returns when its process is gone. Either way it is not restarted.
     *
     * @return whether this call stopped it; {@code false} when it neither ran nor waited to be restarted
     * @throws IllegalStateException when the daemon's lifecycle is {@link LifecycleManagement#NONE}
     * @throws io.daemoncontroller.StopException when it fails to stop
     */
    public boolean stop(Trigger trigger) {
        return perform(Operation.STOP, trigger, () -> {
            if (controller.pid().isEmpty() && controller.status().state() != DaemonState.BACKOFF) {
                return false;
            }
            controller.stop();
            startedByThisApplication = false;
            return true;
        });
    }

    /**
     * Starts the daemons it depends on that do not answer, then restarts the daemon (starts it if it does not
     * run), and returns when it answers its ping.
     *
     * @throws IllegalStateException when the daemon's lifecycle is {@link LifecycleManagement#NONE}, or it depends on a
     * daemon with lifecycle none that does not answer
     * @throws io.daemoncontroller.StartException when it fails to start again
     */
    public void restart(Trigger trigger) {
        perform(Operation.RESTART, trigger, () -> {
            startDependencies(trigger);
            controller.restart();
            startedByThisApplication = true;
            return true;
        });
    }

    /** Makes sure every daemon this one depends on answers, starting (with theirs first) those that do not. */
    private void startDependencies(Trigger trigger) {
        for (ManagedDaemon dependency : dependencies) {
            if (dependency.answersPing()) {
                continue;
            }
            if (!dependency.lifecycle().isControlled()) {
                throw new IllegalStateException("Cannot start daemon '" + name + "': it depends on '"
                        + dependency.name() + "', which does not answer " + dependency.controller().ping()
                        + " and has lifecycle none, so something else must start it first");
            }
            dependency.start(trigger);
        }
    }

    private boolean perform(Operation operation, Trigger trigger, BooleanSupplier action) {
        if (!lifecycle.isControlled()) {
            throw new IllegalStateException("Cannot " + operation.name().toLowerCase(Locale.ROOT) + " daemon '" + name
                    + "': its lifecycle is none, so something else starts and stops it. Set "
                    + "daemon-controller.daemons." + name + ".lifecycle to on-demand, start-and-stop or start-only "
                    + "to control it from this application");
        }
        DaemonObservationContext context = new DaemonObservationContext(name, controller.startCommand(), operation,
                trigger);
        OptionalLong pidBefore = controller.status().pid();
        boolean observed = observations.canObserve();
        Observation observation = observations.observation(context).start();
        long started = System.nanoTime();
        boolean acted;
        try (Observation.Scope scope = observation.openScope()) {
            acted = action.getAsBoolean();
        } catch (RuntimeException ex) {
            Outcome outcome = Outcome.of(ex);
            context.ended(outcome, operation == Operation.STOP ? pidBefore : controller.status().pid());
            observation.error(ex);
            observation.stop();
            publish(operation, trigger, outcome, started, observed, ex);
            throw ex;
        }
        Outcome outcome = acted ? Outcome.SUCCESS : Outcome.SKIPPED;
        context.ended(outcome, operation == Operation.STOP ? pidBefore : controller.status().pid());
        observation.stop();
        publish(operation, trigger, outcome, started, observed, null);
        return acted;
    }

    private void publish(Operation operation, Trigger trigger, Outcome outcome, long startedNanos, boolean observed,
            RuntimeException failure) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
        events.publishEvent(new DaemonOperationEvent(this, operation, trigger, outcome, duration, observed,
                failure));
    }

    @Override
    public String toString() {
        return "ManagedDaemon[" + name + ", " + lifecycle.configValue() + "]";
    }
}
