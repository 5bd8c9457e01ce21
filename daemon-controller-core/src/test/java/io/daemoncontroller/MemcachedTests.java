package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.Memcached;
import io.daemoncontroller.testsupport.PortOwners;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real {@code memcached} that goes into the background by itself ({@code -d}); it has no log file. */
class MemcachedTests {

    private static final Duration LONG = Duration.ofSeconds(20);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private Memcached memcached;

    @BeforeEach
    void findMemcached() {
        memcached = Memcached.on(sandbox.port);
    }

    @Test
    void startsAndStopsMemcachedThatDaemonizesItselfLeavingNothing() {
        DaemonController controller = sandbox.build(controller(memcached.daemonizingCommand(sandbox.pidFile)));

        controller.start();

        assertThat(sandbox.echo("version")).startsWith("VERSION ");
        assertThat(controller.pid()).hasValue(onlyPortOwner());
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsABadConfigWithMemcachedOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(controller(memcached.daemonizingCommand(sandbox.pidFile, "-t 0")));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_FAILED);
        assertThat(failure.getMessage()).contains("Number of threads must be greater than 0");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsATakenPortAtOnceWithMemcachedOwnError() {
        DaemonController controller = sandbox.build(controller(memcached.daemonizingCommand(sandbox.pidFile))
                .startTimeout(LONG));

        StartException failure = sandbox.startWithPortTaken(controller);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.EVERY_PROCESS_EXITED);
        assertThat(failure.getMessage())
                .contains("Address already in use")
                .contains("the start command exited and every process it started has exited");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void endsMemcachedThatWritesAnotherPidFileWhenTheStartTimesOut() {
        Path memcachedPidFile = sandbox.dir.resolve("memcached-writes-this.pid");
        DaemonController controller = sandbox.build(controller(memcached.daemonizingCommand(memcachedPidFile))
                .startTimeout(Duration.ofSeconds(2)));

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.leftovers()).isEmpty();
        DaemonOutcomes.assertPidFileWrittenElsewhere(failure, sandbox.pidFile);
    }

    @Test
    void aMemcachedKilledWithSignal9HasFailedWithAnUnknownExitAndStartsAgain() {
        DaemonController controller = sandbox.build(controller(memcached.daemonizingCommand(sandbox.pidFile))
                .restartPolicy(RestartPolicy.NEVER));
        controller.start();
        long pid = controller.pid().orElseThrow();

        DaemonOutcomes.kill9("memcached", pid);

        DaemonOutcomes.assertFailedWithAnUnknownExit(controller);

        controller.start();

        assertThat(sandbox.echo("version")).startsWith("VERSION ");
        assertThat(controller.pid()).hasValue(onlyPortOwner()).isNotEqualTo(pid);
    }

    /** Memcached logs nowhere: a daemonized memcached writes nothing but its PID file. */
    private DaemonController.Builder controller(String startCommand) {
        return DaemonController.builder("memcached in " + sandbox.dir.getFileName())
                .startCommand(startCommand)
                .ping(Ping.tcp("127.0.0.1", sandbox.port))
                .pidFile(sandbox.pidFile)
                .startTimeout(Duration.ofSeconds(5))
                .startAbortTimeout(Duration.ofSeconds(1))
                .stopTimeout(Duration.ofSeconds(5));
    }

    private long onlyPortOwner() {
        assertThat(PortOwners.listeningOn(sandbox.port)).hasSize(1);
        return PortOwners.listeningOn(sandbox.port).get(0).pid();
    }
}
