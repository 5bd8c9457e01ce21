package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.PortOwners;
import io.daemoncontroller.testsupport.Postgres;
import io.daemoncontroller.testsupport.PostgresTemplate;
import io.daemoncontroller.testsupport.TestProcesses;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL 15 started by {@code pg_ctl start}, which waits for it, with PostgreSQL's own
 * {@code postmaster.pid} (pid on the first line, more lines after) as the PID file. Its child processes each run in
 * a session of their own. PostgreSQL refuses to run as root: as root, the controller runs it as {@code nobody}.
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
    void startsAndStopsPostgresUsingItsOwnMultiLinePidFileLeavingNothing() {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand()));

        controller.start();

        assertIsAListeningPostmaster(controller.pid().orElseThrow());
        assertThat(controller.status().state()).isEqualTo(DaemonState.RUNNING);
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void runsThePostmasterInTheForegroundAsItsUserWithItsOutputInTheLogFileOfThisJvmsUser() throws Exception {
        DaemonController controller = sandbox.build(sandbox.controller(postgres.foregroundCommand())
                .user(postgres.user())
                .daemonizeForMe(true)
                .startTimeout(Duration.ofSeconds(10)));

        controller.start();

        long postmaster = controller.pid().orElseThrow();
        assertIsAListeningPostmaster(postmaster);
        assertThat(Files.getAttribute(Path.of("/proc", Long.toString(postmaster)), "unix:uid"))
                .isEqualTo(Files.getAttribute(postgres.pidFile().getParent(), "unix:uid"));
        Await.until("PostgreSQL to log that it is ready", Duration.ofSeconds(5),
                () -> sandbox.log().contains("database system is ready to accept connections"));
        assertThat(Files.getAttribute(sandbox.logFile, "unix:uid"))
                .isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        controller.stop();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsABadConfigWithPostgresOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand("-c no_such_setting=1")));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_FAILED);
        assertThat(failure.getMessage()).contains("unrecognized configuration parameter \"no_such_setting\"");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsATakenPortWithPostgresOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand())
                .startTimeout(Duration.ofSeconds(20)));

        StartException failure = sandbox.startWithPortTaken(controller);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_FAILED);
        assertThat(failure.getMessage()).contains("Address already in use");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void endsThePostmasterAndItsChildrenWhenThePidFileIsNotPostgresOneAndTheStartTimesOut() {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand())
                .pidFile(sandbox.pidFile)
                .startTimeout(Duration.ofSeconds(3)));

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.leftovers()).isEmpty();
        DaemonOutcomes.assertPidFileWrittenElsewhere(failure, sandbox.pidFile);
    }

    /**
     * Before starting again, waits until the killed postmaster is reaped: PostgreSQL takes the pid in its socket's
     * lock file for a live postmaster while it is a zombie, and an orphan's zombie lasts until PID 1 reaps it (about
     * a second where PID 1 is not an init).
     */
    @Test
    void aPostmasterKilledWithSignal9HasFailedWithAnUnknownExitAndStartsAgain() {
        DaemonController controller = sandbox.build(controller(postgres.pgCtlStartCommand())
                .restartPolicy(RestartPolicy.NEVER));
        controller.start();
        long pid = controller.pid().orElseThrow();

        DaemonOutcomes.kill9("the postmaster", pid);

        DaemonOutcomes.assertFailedWithAnUnknownExit(controller);

        Await.until("the postmaster to be reaped", Duration.ofSeconds(10),
                () -> !Files.exists(Path.of("/proc", Long.toString(pid))));
        controller.start();

        assertThat(controller.pid()).isNotEqualTo(OptionalLong.of(pid));
        assertIsAListeningPostmaster(controller.pid().orElseThrow());
    }

    private DaemonController.Builder controller(String startCommand) {
        return sandbox.controller(startCommand)
                .user(postgres.user())
                .pidFile(postgres.pidFile())
                .logFile(postgres.logFile())
                .startTimeout(Duration.ofSeconds(10));
    }

    /**
     * Asserts that {@code pid} is a postmaster listening on the port: PostgreSQL's children take other titles
     * ({@code postgres: checkpointer}), though one just forked shares the postmaster's socket for a moment.
     */
    private void assertIsAListeningPostmaster(long pid) {
        assertThat(PortOwners.listeningOn(sandbox.port)).extracting(ProcessHandle::pid).contains(pid);
        assertThat(TestProcesses.commandLine(ProcessHandle.of(pid).orElseThrow()))
                .contains("postgres -D " + postgres.pidFile().getParent());
    }
}
