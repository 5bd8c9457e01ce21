package io.daemoncontroller.boot.actuate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.ManagedDaemon;

/** What an operator may ask the {@code daemons} endpoint to do to a daemon, and how each reports its result. */
enum DaemonAction {

    START("started", "already running") {
        @Override
        boolean applyTo(ManagedDaemon daemon) {
            return daemon.start(Trigger.ENDPOINT);
        }
    },

    STOP("stopped", "not running") {
        @Override
        boolean applyTo(ManagedDaemon daemon) {
            return daemon.stop(Trigger.ENDPOINT);
        }
    },

    RESTART("restarted", "restarted") {
        @Override
        boolean applyTo(ManagedDaemon daemon) {
            daemon.restart(Trigger.ENDPOINT);
            return true;
        }
    };

    private final String done;
    private final String nothingToDo;

    DaemonAction(String done, String nothingToDo) {
        this.done = done;
        this.nothingToDo = nothingToDo;
    }

    /** Acts on {@code daemon}; returns whether there was something to do. */
    abstract boolean applyTo(ManagedDaemon daemon);

    /** The result to report, such as {@code started} or {@code already running}. */
    String result(boolean acted) {
        return acted ? done : nothingToDo;
    }

    /** The action named {@code name}, such as {@code start}. */
    static Optional<DaemonAction> named(String name) {
        return Arrays.stream(values()).filter(action -> action.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The names of all actions, for messages: {@code start, stop or restart}. */
    static String names() {
        String all = Arrays.stream(values()).map(action -> action.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }
}
