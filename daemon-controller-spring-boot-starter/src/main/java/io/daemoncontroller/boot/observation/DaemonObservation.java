package io.daemoncontroller.boot.observation;

import io.daemoncontroller.boot.DaemonOperationEvent.Operation;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Every observation the starter makes, with its keys: the one place their names are written. With Spring Boot's
 * {@code DefaultMeterObservationHandler} each gives a timer of its name (tags: the low-cardinality keys) and a long
 * task timer {@code <name>.active}; with a tracer, a span. The keys' values come from a
 * {@link DaemonObservationConvention}, {@link DefaultDaemonObservationConvention} unless the application has its own.
 *
 * @since 0.1.0
 */
public enum DaemonObservation implements ObservationDocumentation {

    /**
     * A start this application performed or attempted, as {@code ManagedDaemon.start} (startup, a
     * {@code @DaemonDependency} call, the endpoint, application code), or a restart the daemon's supervisor performed
     * after it died (trigger {@code supervisor}).
     */
    START {
        @Override
        public String getName() {
            return "daemon.start";
        }
    },

    /** A stop this application performed or attempted. */
    STOP {
        @Override
        public String getName() {
            return "daemon.stop";
        }
    },

    /** A restart this application performed or attempted (stop, then start). */
    RESTART {
        @Override
        public String getName() {
            return "daemon.restart";
        }
    };

    @Override
    public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
        return DefaultDaemonObservationConvention.class;
    }

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
        return LowCardinalityKeys.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
        return HighCardinalityKeys.values();
    }

    /** The observation of {@code operation}. */
    public static DaemonObservation of(Operation operation) {
        return switch (operation) {
            case START -> START;
            case STOP -> STOP;
            case RESTART -> RESTART;
        };
    }

    /** Keys with few values: tags of the timers, and of the spans. */
    public enum LowCardinalityKeys implements KeyName {

        /** The daemon's name, such as {@code search}. */
        DAEMON {
            @Override
            public String asString() {
                return "daemon";
            }
        },

        /**
         * Why it was done: {@code startup}, {@code shutdown}, {@code connect-failure}, {@code endpoint},
         * {@code application}, or {@code supervisor} for a restart after a death.
         */
        TRIGGER {
            @Override
            public String asString() {
                return "trigger";
            }
        },

        /**
         * How it ended: {@code success}, {@code skipped} (already running, or not running), {@code failure} or
         * {@code timeout}; {@code unknown} while it is under way.
         */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },

        /** The simple name of the exception it failed with, {@code none} when it did not fail. */
        ERROR {
            @Override
            public String asString() {
                return "error";
            }
        }
    }

    /** Keys with many values: on spans only, never tags of a meter. */
    public enum HighCardinalityKeys implements KeyName {

        /** The daemon's pid: the one started, or the one stopped; absent when there is none. */
        PID {
            @Override
            public String asString() {
                return "pid";
            }
        },

        /** The daemon's start command, as configured. */
        COMMAND {
            @Override
            public String asString() {
                return "command";
            }
        }
    }
}
