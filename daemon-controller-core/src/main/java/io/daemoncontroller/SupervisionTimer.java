package io.daemoncontroller;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread every {@link Supervisor} of this JVM shares, so that supervising fifty daemons takes no more
 * threads than supervising one: it polls background daemons for their death and fires restart delays and liveness
 * intervals. It only runs short tasks (a look at {@code /proc}, handing work over); whatever blocks, such as a
 * restart or a liveness ping, runs on the supervisor's own worker, which exists only while it has work. The thread
 * is a daemon thread, started on first use and ended after {@link Supervisor#IDLE_THREAD_LIFETIME} with nothing to
 * do. JVM-wide like the lock registry, and for the same reason: one per JVM is the point; it holds no daemon's state
 * beyond the tasks scheduled on it.
 */
final class SupervisionTimer {

    private static final ScheduledExecutorService TIMER = create();

    private SupervisionTimer() {
    }

    static ScheduledExecutorService shared() {
        return TIMER;
    }

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "daemon-controller-supervision");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(Supervisor.IDLE_THREAD_LIFETIME.toNanos(), TimeUnit.NANOSECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
