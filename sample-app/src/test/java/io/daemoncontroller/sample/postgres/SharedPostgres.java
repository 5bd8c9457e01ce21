package io.daemoncontroller.sample.postgres;

import java.util.concurrent.atomic.AtomicLong;

import io.daemoncontroller.boot.Daemons;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL of the first test class of this JVM that asked, which every later class must find too. Each class
 * closes its application context after its tests ({@code @DirtiesContext}), which would stop a daemon the context
 * owned: the same pid in every class means one server for all of them.
 */
final class SharedPostgres {

    /** Static: the one thing the test classes of a JVM share is the JVM. */
    private static final AtomicLong FIRST_PID = new AtomicLong();

    private SharedPostgres() {
    }

    /** Asserts that the context's {@code postgres} daemon runs with the pid the first class saw. */
    static void assertSameServerAsEveryTestClass(Daemons daemons) {
        long pid = daemons.get("postgres").controller().pid()
                .orElseThrow(() -> new AssertionError("PostgreSQL runs once the context is refreshed"));
        FIRST_PID.compareAndSet(0, pid);
        assertThat(pid).as("the PostgreSQL every test class of this JVM shares").isEqualTo(FIRST_PID.get());
    }
}
