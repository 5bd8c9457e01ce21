package io.daemoncontroller.boot.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.daemoncontroller.boot.ManagedDaemon;

/** In which order the application's startup and shutdown act on daemons that depend on each other. */
enum DaemonOrder {

    /** Startup: a daemon after those it depends on, and not at all when one of them failed. */
    DEPENDENCIES_FIRST,

    /**
     * Shutdown: a daemon after every one of {@code daemons} that depends on it, directly or through others, even
     * when one of those failed to stop.
     */
    DEPENDENTS_FIRST;

    /** The daemons to be done with before acting on {@code daemon}; those not among {@code daemons} are ignored. */
    List<ManagedDaemon> prerequisites(ManagedDaemon daemon, Collection<ManagedDaemon> daemons) {
        if (this == DEPENDENCIES_FIRST) {
            return daemon.dependencies();
        }
        List<ManagedDaemon> dependents = new ArrayList<>();
        for (ManagedDaemon other : daemons) {
            if (dependsOn(other, daemon)) {
                dependents.add(other);
            }
        }
        return dependents;
    }

    /** Whether to act on a daemon when acting on one of its prerequisites failed. */
    boolean actsAfterFailedPrerequisite() {
        return this == DEPENDENTS_FIRST;
    }

    private static boolean dependsOn(ManagedDaemon daemon, ManagedDaemon other) {
        for (ManagedDaemon dependency : daemon.dependencies()) {
            if (dependency == other || dependsOn(dependency, other)) {
                return true;
            }
        }
        return false;
    }
}
