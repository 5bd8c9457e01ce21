package io.daemoncontroller.boot.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.daemoncontroller.boot.ManagedDaemon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task for each of several daemons, one thread each (from the given factory): all at once, except that a
 * daemon's task waits for the tasks of its prerequisites in a {@link DaemonOrder}. Collects the failures, and, when
 * given a timeout, which tasks were still running when it passed.
 */
final class ParallelDaemonTasks {

    private static final Logger logger = LoggerFactory.getLogger(ParallelDaemonTasks.class);

    private ParallelDaemonTasks() {
    }

    /**
     * Runs {@code task} for every daemon, in {@code order}, and returns when all are done or skipped.
     *
     * @return the failures, by daemon, in the order of {@code daemons}; empty when every task succeeded. A daemon
     * skipped because a prerequisite failed is not among them.
     */
    static Map<ManagedDaemon, RuntimeException> run(List<ManagedDaemon> daemons, String action, DaemonOrder order,
            ThreadFactory threadFactory, Consumer<ManagedDaemon> task) {
        return run(daemons, action, order, threadFactory, task, null).failures();
    }

    /**
     * Runs {@code task} for every daemon, in {@code order}, and returns when all are done or skipped, or when
     * {@code timeout} passed, leaving the tasks still running to go on. {@code null} waits for all.
     */
    static Result run(List<ManagedDaemon> daemons, String action, DaemonOrder order, ThreadFactory threadFactory,
            Consumer<ManagedDaemon> task, Duration timeout) {
        Map<ManagedDaemon, CompletableFuture<Boolean>> succeeded = new LinkedHashMap<>();
        for (ManagedDaemon daemon : daemons) {
            succeeded.put(daemon, new CompletableFuture<>());
        }
        Map<ManagedDaemon, RuntimeException> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (ManagedDaemon daemon : daemons) {
            Thread thread = threadFactory.newThread(() -> {
                boolean success = false;
                try {
                    List<ManagedDaemon> failed = failedPrerequisites(order.prerequisites(daemon, daemons),
                            succeeded);
                    if (!failed.isEmpty() && !order.actsAfterFailedPrerequisite()) {
                        logger.warn("Did not {} daemon '{}': it depends on {}, which failed to {}", action,
                                daemon.name(), failed.stream().map(ManagedDaemon::name).toList(), action);
                        return;
                    }
                    task.accept(daemon);
                    success = true;
                } catch (RuntimeException ex) {
                    failures.put(daemon, ex);
                } finally {
                    succeeded.get(daemon).complete(success);
                }
            });
            thread.setName("daemon-controller-" + action + "-" + daemon.name());
            thread.start();
            threads.add(thread);
        }
        long deadline = System.nanoTime() + (timeout != null ? timeout.toNanos() : 0);
        for (Thread thread : threads) {
            joinUninterruptibly(thread, timeout != null ? deadline : null);
        }
        Map<ManagedDaemon, RuntimeException> ordered = new LinkedHashMap<>();
        List<ManagedDaemon> unfinished = new ArrayList<>();
        for (ManagedDaemon daemon : daemons) {
            if (failures.containsKey(daemon)) {
                ordered.put(daemon, failures.get(daemon));
            }
            if (!succeeded.get(daemon).isDone()) {
                unfinished.add(daemon);
            }
        }
        return new Result(ordered, List.copyOf(unfinished));
    }

    /**
     * Those of {@code prerequisites} whose task failed or was skipped, once each has ended; those without a task
     * here are ignored.
     */
    private static List<ManagedDaemon> failedPrerequisites(List<ManagedDaemon> prerequisites,
            Map<ManagedDaemon, CompletableFuture<Boolean>> succeeded) {
        List<ManagedDaemon> failed = new ArrayList<>();
        for (ManagedDaemon prerequisite : prerequisites) {
            if (succeeded.containsKey(prerequisite) && !succeeded.get(prerequisite).join()) {
                failed.add(prerequisite);
            }
        }
        return failed;
    }

    /** Waits for {@code thread} to end, or until the {@link System#nanoTime()} {@code deadline} if not null. */
    private static void joinUninterruptibly(Thread thread, Long deadline) {
        boolean interrupted = false;
        while (thread.isAlive() && (deadline == null || deadline - System.nanoTime() > 0)) {
            try {
                if (deadline == null) {
                    thread.join();
                } else {
                    TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
                }
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * How the tasks ended.
     *
     * @param failures the failures, by daemon, in the order of the daemons; a daemon skipped because a
     * prerequisite failed is not among them
     * @param unfinished the daemons whose task was still running, or waiting for a prerequisite, at the timeout
     */
    record Result(Map<ManagedDaemon, RuntimeException> failures, List<ManagedDaemon> unfinished) {
    }
}
