package io.daemoncontroller.boot.autoconfigure;

import java.util.concurrent.ThreadFactory;

import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Where every thread the starter runs comes from: virtual threads when Spring Boot's
 * {@code spring.threads.virtual.enabled} is on (and the JVM is 21 or later), as Boot's own executors do; else
 * platform threads that do not keep the JVM alive. Each thread is named {@code daemon-controller-<purpose>}.
 *
 * @since 0.1.0
 */
public final class DaemonThreads {

    private static final String PREFIX = "daemon-controller-";

    private final boolean virtual;

    private DaemonThreads(boolean virtual) {
        this.virtual = virtual;
    }

    /** The threads {@code environment} asks for. */
    public static DaemonThreads of(Environment environment) {
        return new DaemonThreads(Threading.VIRTUAL.isActive(environment));
    }

    /** Whether the threads are virtual. */
    public boolean isVirtual() {
        return virtual;
    }

    /** A factory of threads named {@code daemon-controller-<purpose>-<n>}. */
    public ThreadFactory factory(String purpose) {
        String prefix = PREFIX + purpose + "-";
        if (virtual) {
            return new VirtualThreadTaskExecutor(prefix).getVirtualThreadFactory();
        }
        CustomizableThreadFactory platform = new CustomizableThreadFactory(prefix);
        platform.setDaemon(true);
        return platform;
    }
}
