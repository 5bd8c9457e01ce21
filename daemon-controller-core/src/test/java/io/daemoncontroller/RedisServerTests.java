package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.PortOwners;
import io.daemoncontroller.testsupport.RedisServer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real {@code redis-server} that goes into the background by itself ({@code --daemonize yes}). */
class RedisServerTests {

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
    void reportsABadConfigWithRedisOwnErrorLeavingNothing() {
        DaemonController controller = sandbox.build(
                controller(redis.daemonizingCommand(sandbox.pidFile, "--no-such-directive yes")));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("Bad directive or wrong number of arguments", "no-such-directive");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    private DaemonController.Builder controller(String startCommand) {
        return sandbox.controller(startCommand).logFile(redis.logFile());
    }

    private long onlyPortOwner() {
        assertThat(PortOwners.listeningOn(sandbox.port)).hasSize(1);
        return PortOwners.listeningOn(sandbox.port).get(0).pid();
    }
}
