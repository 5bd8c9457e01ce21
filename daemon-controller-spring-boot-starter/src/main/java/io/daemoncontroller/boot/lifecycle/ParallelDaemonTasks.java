package io.daemoncontroller.boot.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.daemoncontroller.boot.ManagedDaemon;

/** Runs a task for each of several independent daemons at once, one thread each, and collects the failures. */
final class ParallelDaemonTasks {

    private ParallelDaemonTasks() {
    }

    /**
     * Runs {@code task} for every daemon and returns when all are done.
     *
     * @return the failures, by daemon, in the order of {@code daemons}; empty when every task succeeded
     */
    static Map<ManagedDaemon, RuntimeException> run(List<ManagedDaemon> daemons, String action,
            Consumer<ManagedDaemon> task) {
        Map<ManagedDaemon, RuntimeException> failures = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (ManagedDaemon daemon : daemons) {
            Thread thread = new Thread(() -> {
                try {
                    task.accept(daemon);
                } catch (RuntimeException ex) {
                    failures.put(daemon, ex);
                }
            }, "daemon-controller-" + action + "-" + daemon.name());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            joinUninterruptibly(thread);
        }
        Map<ManagedDaemon, RuntimeException> ordered = new LinkedHashMap<>();
        daemons.stream().filter(failures::containsKey).forEach(daemon -> ordered.put(daemon, failures.get(daemon)));
        return ordered;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
