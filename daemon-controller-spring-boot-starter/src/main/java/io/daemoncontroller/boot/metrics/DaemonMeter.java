package io.daemoncontroller.boot.metrics;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.docs.MeterDocumentation;

/**
 * Every meter the starter registers itself, with its type and tags: the one place their names are written. The
 * timers {@code daemon.start}, {@code daemon.stop} and {@code daemon.restart} come from the
 * {@link io.daemoncontroller.boot.observation.DaemonObservation}s. Tags are low-cardinality: a daemon's name, a cause;
 * never a pid or a message.
 *
 * @since 0.1.0
 */
public enum DaemonMeter implements MeterDocumentation {

    /**
     * Gauge: 1 while the daemon runs (its state is RUNNING; for lifecycle none, it answered its last ping), else 0.
     * Reading it pings nothing.
     */
    UP {
        @Override
        public String getName() {
            return "daemon.up";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.GAUGE;
        }

        @Override
        public KeyName[] getKeyNames() {
            return new KeyName[] {Keys.DAEMON};
        }
    },

    /**
     * Counter: restarts of a daemon that died without being asked to stop, as its restart policy says, each counted
     * when it begins, with the cause of the death it follows.
     */
    RESTARTS {
        @Override
        public String getName() {
            return "daemon.restarts";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }

        @Override
        public KeyName[] getKeyNames() {
            return Keys.values();
        }
    },

    /**
     * Counter: the times a running daemon became unresponsive, having failed its liveness check
     * liveness.failure-threshold times in a row.
     */
    LIVENESS_FAILURES {
        @Override
        public String getName() {
            return "daemon.liveness.failures";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }

        @Override
        public KeyName[] getKeyNames() {
            return new KeyName[] {Keys.DAEMON};
        }
    },

    /** Counter: starts caused by a {@code @DaemonDependency} call that could not connect. */
    AUTOSTARTS {
        @Override
        public String getName() {
            return "daemon.autostarts";
        }

        @Override
        public Meter.Type getType() {
            return Meter.Type.COUNTER;
        }

        @Override
        public KeyName[] getKeyNames() {
            return new KeyName[] {Keys.DAEMON};
        }
    };

    /** The meters' tags. */
    public enum Keys implements KeyName {

        /** The daemon's name, such as {@code search}. */
        DAEMON {
            @Override
            public String asString() {
                return "daemon";
            }
        },

        /**
         * Why a daemon is restarted: it {@code exit}ed with a status, a {@code signal} ended it, it ended in a way
         * that is {@code unknown} (it is not a child of this JVM), the restart before {@code start-failed}, or it was
         * stopped as {@code unresponsive}.
         */
        CAUSE {
            @Override
            public String asString() {
                return "cause";
            }
        }
    }
}
