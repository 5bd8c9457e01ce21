package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Postgres;
import io.daemoncontroller.testsupport.PostgresTemplate;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL 15 started by {@code pg_ctl start}, which waits for it, with PostgreSQL's own
 * {@code postmaster.pid} (pid on the first line, more lines after) as the PID file. Its child processes each run in
 * a session of their own.
 */
class PostgresTests {

    @TempDir
    static Path templateDir;

    private static PostgresTemplate template;

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Postgres postgres;

    @BeforeAll
    static void initdb() {
        template = PostgresTemplate.initdb(templateDir);
    }

    @BeforeEach
    void copyTheTemplate() {
        postgres = template.copyTo(sandbox.dir, sandbox.port);
    }

    @Test
    void reportsABadConfigWithPostgresOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand("-c no_such_setting=1")));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("unrecognized configuration parameter \"no_such_setting\"");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsATakenPortWithPostgresOwnErrorLeavingNothing() throws Exception {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand())
                .startTimeout(Duration.ofSeconds(20)));

        StartException failure;
        try (ServerSocket taken = new ServerSocket(sandbox.port, 1, InetAddress.getByName("127.0.0.1"))) {
            failure = catchThrowableOfType(controller::start, StartException.class);
        }

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("Address already in use");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    private DaemonController.Builder controller(String startCommand) {
        return sandbox.controller(startCommand)
                .pidFile(postgres.pidFile())
                .logFile(postgres.logFile())
                .startTimeout(Duration.ofSeconds(10));
    }
}
