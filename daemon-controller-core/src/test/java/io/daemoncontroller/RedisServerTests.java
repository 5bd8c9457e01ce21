package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.PortOwners;
import io.daemoncontroller.testsupport.RedisServer;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real {@code redis-server} that goes into the background by itself ({@code --daemonize yes}). */
class RedisServerTests {

    private static final Duration LONG = Duration.ofSeconds(20);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private RedisServer redis;

    @BeforeEach
    void findRedis() {
        redis = RedisServer.in(sandbox.dir, sandbox.port);
    }

    @Test
    void startsAndStopsRedisThatDaemonizesItselfLeavingNothing() {
        DaemonController controller = sandbox.build(controller(redis.daemonizingCommand(sandbox.pidFile)));

        controller.start();

        assertThat(sandbox.echo("PING")).isEqualTo("+PONG");
        assertThat(controller.pid()).hasValue(onlyPortOwner());
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void waitsForRedisToLogThatItIsReadyToAcceptConnections() {
        Sandbox.write(redis.logFile(), "* Ready to accept connections tcp (an earlier start)\n");
        DaemonController controller = sandbox.build(controller(redis.daemonizingCommand(sandbox.pidFile))
                .readyLogLine("Ready to accept connections"));

        controller.start();

        assertThat(Sandbox.read(redis.logFile()).lines().filter(line -> line.contains("Ready to accept connections")))
                .hasSize(2);
        assertThat(sandbox.echo("PING")).isEqualTo("+PONG");
        controller.stop();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsABadConfigWithRedisOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(
                controller(redis.daemonizingCommand(sandbox.pidFile, "--no-such-directive yes")));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.COMMAND_FAILED);
        assertThat(failure.getMessage()).contains("Bad directive or wrong number of arguments", "no-such-directive");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void reportsATakenPortAtOnceWithRedisOwnLogLine() {
        DaemonController controller = sandbox.build(controller(redis.daemonizingCommand(sandbox.pidFile))
                .startTimeout(LONG)
                .logFileActivityTimeout(LONG));

        StartException failure = sandbox.startWithPortTaken(controller);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.reason()).isEqualTo(StartException.Reason.EVERY_PROCESS_EXITED);
        assertThat(failure.getMessage())
                .contains("bind: Address already in use")
                .contains("the start command exited and every process it started has exited")
                .doesNotContain("(timed out)");
        assertThat(failure.newLogLines()).contains("bind: Address already in use");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void endsRedisThatWritesAnotherPidFileWhenTheStartTimesOut() {
        Path redisPidFile = sandbox.dir.resolve("redis-writes-this.pid");
        DaemonController controller = sandbox.build(controller(redis.daemonizingCommand(redisPidFile))
                .startTimeout(Duration.ofSeconds(2)));

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(sandbox.leftovers()).isEmpty();
        DaemonOutcomes.assertPidFileWrittenElsewhere(failure, sandbox.pidFile);
    }

    @Test
    void aRedisKilledWithSignal9HasFailedWithAnUnknownExitAndStartsAgain() {
        DaemonController controller = sandbox.build(controller(redis.daemonizingCommand(sandbox.pidFile))
                .restartPolicy(RestartPolicy.NEVER));
        controller.start();
        long pid = controller.pid().orElseThrow();

        DaemonOutcomes.kill9("redis", pid);

        DaemonOutcomes.assertFailedWithAnUnknownExit(controller);

        controller.start();

        assertThat(sandbox.echo("PING")).isEqualTo("+PONG");
        assertThat(controller.pid()).hasValue(onlyPortOwner()).isNotEqualTo(pid);
        assertThat(controller.status().state()).isEqualTo(DaemonState.RUNNING);
    }

    private DaemonController.Builder controller(String startCommand) {
        return sandbox.controller(startCommand).logFile(redis.logFile());
    }

    private long onlyPortOwner() {
        assertThat(PortOwners.listeningOn(sandbox.port)).hasSize(1);
        return PortOwners.listeningOn(sandbox.port).get(0).pid();
    }
}
