package io.daemoncontroller.boot.lifecycle;

import java.util.Collection;
import java.util.List;

import io.daemoncontroller.boot.ManagedDaemon;

/** In which order the application's startup and shutdown act on daemons that depend on each other. */
enum DaemonOrder {

    /** Startup: a daemon after those it depends on, and not at all when one of them failed. */
    DEPENDENCIES_FIRST {
        @Override
        List<ManagedDaemon> prerequisites(ManagedDaemon daemon, Collection<ManagedDaemon> daemons) {
            return daemon.dependencies();
        }

        @Override
        boolean actsAfterFailedPrerequisite() {
            return false;
        }
    },

    /**
     * Shutdown: a daemon after every one of {@code daemons} that depends on it, directly or through others, even
     * when one of those failed to stop.
     */
    DEPENDENTS_FIRST {
        @Override
        List<ManagedDaemon> prerequisites(ManagedDaemon daemon, Collection<ManagedDaemon> daemons) {
            return daemons.stream().filter(other -> dependsOn(other, daemon)).toList();
        }

        @Override
        boolean actsAfterFailedPrerequisite() {
            return true;
        }
    };

    /** The daemons to be done with before acting on {@code daemon}; those not among {@code daemons} are ignored. */
    abstract List<ManagedDaemon> prerequisites(ManagedDaemon daemon, Collection<ManagedDaemon> daemons);

    /** Whether to act on a daemon when acting on one of its prerequisites failed. */
    abstract boolean actsAfterFailedPrerequisite();

    private static boolean dependsOn(ManagedDaemon daemon, ManagedDaemon other) {
        return daemon.dependencies().stream()
                .anyMatch(dependency -> dependency == other || dependsOn(dependency, other));
    }
}
