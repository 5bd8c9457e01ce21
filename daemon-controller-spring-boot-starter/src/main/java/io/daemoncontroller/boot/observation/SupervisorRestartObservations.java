package io.daemoncontroller.boot.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.daemoncontroller.DaemonState;
import io.daemoncontroller.DaemonStateChange;
import io.daemoncontroller.DaemonStatus;
import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.DaemonStateChangedEvent;
import io.micrometer.observation.Observation;
import org.springframework.context.ApplicationListener;

/**
 * Observes the restarts the daemons' supervisors perform, where they happen: from the daemon's state changes, in
 * their order, on its controller's event thread. A restart begins with the change whose cause is
 * {@link DaemonStateChange.Cause#RESTARTING} and ends with the next change out of STARTING: RUNNING is a success,
 * anything else a failure. It is a {@link DaemonObservation#START} with trigger {@code supervisor}. A start someone
 * asks for while the daemon waits to be restarted has another cause, and is observed where it was asked for.
 */
final class SupervisorRestartObservations implements ApplicationListener<DaemonStateChangedEvent> {

    private final DaemonObservations observations;
    private final Map<String, RestartUnderWay> underWay = new ConcurrentHashMap<>();

    SupervisorRestartObservations(DaemonObservations observations) {
        this.observations = observations;
    }

    @Override
    public void onApplicationEvent(DaemonStateChangedEvent event) {
        DaemonStateChange change = event.change();
        if (change.cause() == DaemonStateChange.Cause.RESTARTING) {
            DaemonObservationContext context = new DaemonObservationContext(event.daemonName(),
                    event.daemon().controller().startCommand(), Operation.START, Trigger.SUPERVISOR);
            underWay.put(event.daemonName(), new RestartUnderWay(context, observations.observation(context).start()));
        } else if (change.from() == DaemonState.STARTING) {
            RestartUnderWay restart = underWay.remove(event.daemonName());
            if (restart != null) {
                restart.end(event.daemonName(), change);
            }
        }
    }

    /** A restart that began, and its observation. */
    private record RestartUnderWay(DaemonObservationContext context, Observation observation) {

        void end(String daemon, DaemonStateChange change) {
            DaemonStatus status = change.status();
            if (change.to() == DaemonState.RUNNING) {
                context.ended(Outcome.SUCCESS, status.pid());
            } else {
                context.ended(Outcome.FAILURE, status.pid());
                observation.error(new SupervisorRestartFailedException(daemon,
                        status.lastError().orElse(change.reason())));
            }
            observation.stop();
        }
    }
}
