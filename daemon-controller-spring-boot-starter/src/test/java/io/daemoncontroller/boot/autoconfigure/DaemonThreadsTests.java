package io.daemoncontroller.boot.autoconfigure;

import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DaemonThreadsTests {

    @Test
    void makesNamedPlatformThreadsThatDoNotKeepTheJvmAliveByDefault() {
        DaemonThreads threads = DaemonThreads.of(new MockEnvironment());
        assertThat(threads.isVirtual()).isFalse();
        Thread thread = threads.factory("lifecycle").newThread(() -> { });
        assertThat(thread.getName()).startsWith("daemon-controller-lifecycle-");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(isVirtual(thread)).isFalse();
    }

    @Test
    void makesVirtualThreadsWhenBootEnablesThemOnJava21OrLater() {
        DaemonThreads threads = DaemonThreads.of(new MockEnvironment()
                .withProperty("spring.threads.virtual.enabled", "true"));
        assertThat(threads.isVirtual()).isEqualTo(Runtime.version().feature() >= 21);
        assumeTrue(threads.isVirtual(), "virtual threads need Java 21 or later");
        ThreadFactory factory = threads.factory("lifecycle");
        Thread thread = factory.newThread(() -> { });
        assertThat(isVirtual(thread)).isTrue();
        assertThat(thread.getName()).startsWith("daemon-controller-lifecycle-");
    }

    /** {@code Thread.isVirtual()}, which Java 17 lacks: false there. */
    private static boolean isVirtual(Thread thread) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        } catch (NoSuchMethodException ex) {
            return false;
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
