package io.daemoncontroller.test;

import java.util.ArrayDeque;
import java.util.Deque;

import io.daemoncontroller.AlreadyStartedException;
import io.daemoncontroller.DaemonController;
import io.daemoncontroller.DaemonStateChange;

/**
 * What one test class began with its daemons, to end after its tests: the class-scoped daemons it started (or
 * found running), which are stopped, and the controllers through which it took over JVM-scoped daemons, which stop
 * supervising them.
 */
final class ClassDaemons implements AutoCloseable {

    private final Class<?> testClass;
    private final Deque<Runnable> ends = new ArrayDeque<>();

    ClassDaemons(Class<?> testClass) {
        this.testClass = testClass;
    }

    /** Starts the daemon of {@code controller}, declared by the field {@code field}, for {@code scope}. */
    void begin(DaemonController controller, DaemonScope scope, String field) {
        if (scope == DaemonScope.JVM) {
            ends.push(JvmDaemons.instance().begin(controller, testClass.getName() + "." + field));
            return;
        }
        startOrAdopt(controller);
        ends.push(() -> {
            try {
                controller.stop();
            } finally {
                controller.close();
            }
        });
    }

    /**
     * Starts the daemon, or, when it already runs (left by a test JVM that was killed, say), takes it as the
     * controller's own: either way it runs, the controller supervises it, and the {@link JvmExitGuard} stops it,
     * and each process a restart makes it, if this JVM is killed.
     */
    static void startOrAdopt(DaemonController controller) {
        try {
            controller.start();
        } catch (AlreadyStartedException ex) {
            // Adopted by the controller: its status says RUNNING, found running.
        }
        JvmExitGuard guard = JvmExitGuard.jvm();
        guard.guard(controller);
        controller.addListener(change -> {
            if (change.cause() == DaemonStateChange.Cause.STARTED) {
                guard.guard(controller);
            }
        });
    }

    /** Ends everything begun, the last first; a failure is thrown after every end ran, the others suppressed. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!ends.isEmpty()) {
            try {
                ends.pop().run();
            } catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                } else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
