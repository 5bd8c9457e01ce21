package io.daemoncontroller.boot.metrics;

import java.util.List;

import io.daemoncontroller.boot.DaemonOperationEvent;

/**
 * Every metric the starter records, with its type and tags: the one place their names are written. Tags are
 * low-cardinality: a daemon's name, an outcome, a trigger, a cause; never a pid or a message.
 *
 * @since 0.1.0
 */
public enum DaemonMetric {

    /**
     * Timer: each start this application performed or attempted, with how it ended and why it was done; trigger
     * {@code supervisor} for a restart after the daemon died.
     */
    START("daemon.start", Type.TIMER, Tag.DAEMON, Tag.OUTCOME, Tag.TRIGGER),

    /** Timer: each stop this application performed or attempted. */
    STOP("daemon.stop", Type.TIMER, Tag.DAEMON, Tag.OUTCOME, Tag.TRIGGER),

    /** Timer: each restart this application performed or attempted. */
    RESTART("daemon.restart", Type.TIMER, Tag.DAEMON, Tag.OUTCOME, Tag.TRIGGER),

    /** Gauge: 1 while the daemon runs (its state is RUNNING), else 0. */
    UP("daemon.up", Type.GAUGE, Tag.DAEMON),

    /**
     * Counter: restarts of a daemon that died without being asked to stop, as its restart policy says, each
     * counted when it begins, with the cause of the death it follows.
     */
    RESTARTS("daemon.restarts", Type.COUNTER, Tag.DAEMON, Tag.CAUSE),

    /** Counter: starts caused by a {@code @DaemonDependency} call that could not connect. */
    AUTOSTARTS("daemon.autostarts", Type.COUNTER, Tag.DAEMON);

    private final String metricName;
    private final Type type;
    private final List<Tag> tags;

    DaemonMetric(String metricName, Type type, Tag... tags) {
        this.metricName = metricName;
        this.type = type;
        this.tags = List.of(tags);
    }

    /** The metric's name, such as {@code daemon.start}. */
    public String metricName() {
        return metricName;
    }

    public Type type() {
        return type;
    }

    public List<Tag> tags() {
        return tags;
    }

    /** The timer that records {@code operation}. */
    static DaemonMetric timerOf(DaemonOperationEvent.Operation operation) {
        return switch (operation) {
            case START -> START;
            case STOP -> STOP;
            case RESTART -> RESTART;
        };
    }

    /** Kinds of meter. */
    public enum Type {
        TIMER, GAUGE, COUNTER
    }

    /** The tags of the metrics. */
    public enum Tag {

        /** The daemon's name, such as {@code search}. */
        DAEMON("daemon"),

        /** How the operation ended: {@code success}, {@code skipped}, {@code failure} or {@code timeout}. */
        OUTCOME("outcome"),

        /**
         * Why it was done: {@code startup}, {@code shutdown}, {@code connect-failure}, {@code endpoint},
         * {@code application}, or {@code supervisor} for a restart after a death.
         */
        TRIGGER("trigger"),

        /**
         * Why a daemon is restarted: it {@code exit}ed with a status, a {@code signal} ended it, it ended in a way
         * that is {@code unknown} (it is not a child of this JVM), or the restart before {@code start-failed}.
         */
        CAUSE("cause");

        private final String key;

        Tag(String key) {
            this.key = key;
        }

        /** The tag's key, such as {@code daemon}. */
        public String key() {
            return key;
        }
    }
}
