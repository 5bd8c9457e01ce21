package io.daemoncontroller.boot.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadFactory;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.autoconfigure.DaemonThreads;
import io.daemoncontroller.boot.autoconfigure.SharedDaemons;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Stops, when the application context is destroyed, the daemons this application started whose lifecycle says so,
 * each before those it depends on, all within {@code spring.lifecycle.timeout-per-shutdown-phase}. Registered
 * before any bean of the application exists, it is destroyed after all of them, so that connection pools close
 * while their daemons still run. In an application run by devtools, whose restarts close the context, it stops
 * them only when the JVM shuts down, through {@link SpringApplicationShutdownHandlers} (as Boot's Docker Compose
 * support does), so that a restart neither stops nor restarts a daemon. Daemons shared by the contexts of the JVM
 * ({@link SharedDaemons}, in tests) it never stops: they are stopped when the JVM shuts down.
 */
final class DaemonShutdown implements DisposableBean {

    static final String BEAN_NAME = "daemonControllerShutdown";

    /** Boot's default for {@code spring.lifecycle.timeout-per-shutdown-phase}. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The class loader devtools runs the application in, and creates again on each restart. */
    private static final String RESTART_CLASS_LOADER =
            "org.springframework.boot.devtools.restart.classloader.RestartClassLoader";

    private static final Logger logger = LoggerFactory.getLogger(DaemonShutdown.class);

    private final Duration timeout;
    private final SpringApplicationShutdownHandlers jvmShutdown;
    private final ThreadFactory threads;
    private final SharedDaemons shared;
    private final Set<ManagedDaemon> watched = new CopyOnWriteArraySet<>();
    private final List<CompletableFuture<?>> starts = new CopyOnWriteArrayList<>();

    /**
     * Stops daemons within {@code timeout}, each in a thread of its own from {@code threads}, when the context is
     * destroyed or, when {@code jvmShutdown} is not {@code null}, on the JVM's shutdown through it; never those
     * whose controller is {@code shared} (may be {@code null}) by the contexts of the JVM.
     */
    DaemonShutdown(Duration timeout, SpringApplicationShutdownHandlers jvmShutdown, ThreadFactory threads,
            SharedDaemons shared) {
        this.timeout = timeout;
        this.jvmShutdown = jvmShutdown;
        this.threads = threads;
        this.shared = shared;
    }

    /**
     * A shutdown bounded by the environment's {@code spring.lifecycle.timeout-per-shutdown-phase}, deferred to
     * {@code jvmShutdown} when the application runs in a devtools restart class loader, with the threads the
     * environment asks for ({@link DaemonThreads}); leaving the daemons of {@code shared} (may be {@code null})
     * running.
     */
    static DaemonShutdown of(Environment environment, ClassLoader classLoader,
            SpringApplicationShutdownHandlers jvmShutdown, SharedDaemons shared) {
        Duration timeout = Binder.get(environment).bind("spring.lifecycle.timeout-per-shutdown-phase",
                Duration.class).orElse(DEFAULT_TIMEOUT);
        return new DaemonShutdown(timeout, isRestartClassLoader(classLoader) ? jvmShutdown : null,
                DaemonThreads.of(environment).factory("lifecycle"), shared);
    }

    private static boolean isRestartClassLoader(ClassLoader classLoader) {
        for (ClassLoader loader = classLoader; loader != null; loader = loader.getParent()) {
            if (loader.getClass().getName().equals(RESTART_CLASS_LOADER)) {
                return true;
            }
        }
        return false;
    }

    /** Stops {@code daemons} at shutdown, those this application started and whose lifecycle says so. */
    void watch(Collection<ManagedDaemon> daemons) {
        watched.addAll(daemons);
    }

    /** Waits for {@code start} to end before stopping, so that no daemon starts after the shutdown. */
    void awaitBeforeStopping(CompletableFuture<?> start) {
        starts.add(start);
    }

    @Override
    public void destroy() {
        for (CompletableFuture<?> start : starts) {
            awaitEnd(start);
        }
        if (jvmShutdown == null) {
            stop(watched);
            return;
        }
        Map<String, DaemonController> due = new LinkedHashMap<>();
        for (ManagedDaemon daemon : dependentsFirst(due(watched))) {
            due.put(daemon.name(), daemon.controller());
        }
        if (!due.isEmpty()) {
            logger.debug("Leaving daemons running until the JVM shuts down, as devtools restarts the application");
            jvmShutdown.add(() -> stopAtJvmShutdown(due));
        }
    }

    /** Waits for {@code start} to end, however it ends: a failed start is reported to the context it held up. */
    private static void awaitEnd(CompletableFuture<?> start) {
        try {
            start.join();
        } catch (CompletionException | CancellationException ex) {
            // Ended all the same.
        }
    }

    /**
     * Stops the daemons, by name, one after the other. Holds their controllers only, not the
     * {@link ManagedDaemon}s, which would keep the closed context (and devtools' class loader of each restart) alive
     * until the JVM exits.
     */
    private static void stopAtJvmShutdown(Map<String, DaemonController> controllers) {
        controllers.forEach((name, controller) -> {
            try {
                controller.stop();
            } catch (RuntimeException ex) {
                logger.warn("Daemon '{}' failed to stop", name, ex);
            }
        });
    }

    /** Stops those of {@code daemons} this application started and whose lifecycle says so, now. */
    void stop(Collection<ManagedDaemon> daemons) {
        List<ManagedDaemon> due = due(daemons);
        ParallelDaemonTasks.Result result = ParallelDaemonTasks.run(due, "stop", DaemonOrder.DEPENDENTS_FIRST,
                threads, daemon -> daemon.stop(Trigger.SHUTDOWN), timeout);
        for (Map.Entry<ManagedDaemon, RuntimeException> failure : result.failures().entrySet()) {
            logger.warn("Daemon '{}' failed to stop", failure.getKey().name(), failure.getValue());
        }
        for (ManagedDaemon daemon : result.unfinished()) {
            logger.warn("Daemon '{}' did not stop within {} (spring.lifecycle.timeout-per-shutdown-phase); its stop "
                    + "goes on in the background", daemon.name(), timeout);
        }
    }

    private List<ManagedDaemon> due(Collection<ManagedDaemon> daemons) {
        List<ManagedDaemon> due = new ArrayList<>();
        for (ManagedDaemon daemon : daemons) {
            if (daemon.lifecycle().shouldStopAtShutdown() && daemon.isStartedByThisApplication()
                    && (shared == null || !shared.shares(daemon.controller()))) {
                due.add(daemon);
            }
        }
        return due;
    }

    /** {@code daemons} in an order where each comes before those it depends on, directly or through others. */
    private static List<ManagedDaemon> dependentsFirst(List<ManagedDaemon> daemons) {
        List<ManagedDaemon> dependenciesFirst = new ArrayList<>();
        for (ManagedDaemon daemon : daemons) {
            visit(daemon, dependenciesFirst);
        }
        dependenciesFirst.retainAll(daemons);
        Collections.reverse(dependenciesFirst);
        return dependenciesFirst;
    }

    private static void visit(ManagedDaemon daemon, List<ManagedDaemon> order) {
        if (!order.contains(daemon)) {
            for (ManagedDaemon dependency : daemon.dependencies()) {
                visit(dependency, order);
            }
            order.add(daemon);
        }
    }
}
