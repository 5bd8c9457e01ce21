package io.daemoncontroller.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The Redis tests need a real {@code redis-server}. Without one they are skipped on a developer's machine, but fail
 * in CI ({@code CI=true}), where they must run for real.
 */
final class RedisServerRequirement {

    private static final String HOW_TO_INSTALL = "redis-server is not on the PATH; install it to run the Redis tests:"
            + " sudo apt-get install redis-server (Debian, Ubuntu) or brew install redis (macOS)";

    private RedisServerRequirement() {
    }

    static void check() {
        if (onPath("redis-server")) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true, so the Redis tests must run, but " + HOW_TO_INSTALL);
        }
        Assumptions.abort(HOW_TO_INSTALL);
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }
}
