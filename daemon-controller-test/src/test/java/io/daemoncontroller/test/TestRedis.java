package io.daemoncontroller.test;

import java.nio.file.Path;
import java.time.Duration;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;
import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.testsupport.RedisServer;

/**
 * A real redis-server in a directory and on a port that a test passes to the test classes it launches through the
 * system properties {@value #DIR} and {@value #PORT}.
 */
final class TestRedis {

    static final String DIR = "test-redis.dir";
    static final String PORT = "test-redis.port";

    private TestRedis() {
    }

    /** The redis of {@link #DIR} and {@link #PORT}, as the launching test set them. */
    static DaemonController fromSystemProperties(String identifier) {
        return fromSystemProperties(identifier, RestartPolicy.NEVER);
    }

    /** The same, restarted by its controller as {@code policy} says, 100 ms after a death. */
    static DaemonController fromSystemProperties(String identifier, RestartPolicy policy) {
        return builder(identifier, Path.of(System.getProperty(DIR)), Integer.getInteger(PORT))
                .restartPolicy(policy)
                .restartDelay(Duration.ofMillis(100))
                .build();
    }

    static DaemonController controller(String identifier, Path dir, int port) {
        return builder(identifier, dir, port).build();
    }

    static DaemonController.Builder builder(String identifier, Path dir, int port) {
        RedisServer redis = RedisServer.in(dir, port);
        Path pidFile = dir.resolve("redis.pid");
        return DaemonController.builder(identifier)
                .startCommand(redis.daemonizingCommand(pidFile))
                .pidFile(pidFile)
                .logFile(redis.logFile())
                .ping(Ping.tcp("127.0.0.1", port))
                .stopTimeout(Duration.ofSeconds(10));
    }
}
