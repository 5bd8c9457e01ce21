package io.daemoncontroller.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real program a test runs, such as {@code redis-server}. Without it the test is skipped on a developer's machine
 * (a JUnit assumption that says how to install it), but fails in CI ({@code CI=true}), where it must run for real.
 */
public final class RequiredProgram {

    private RequiredProgram() {
    }

    /**
     * The path of {@code program}, found on the {@code PATH}, in {@code /usr/sbin} or at one of {@code candidates}.
     *
     * @param debianPackage the package that installs it, for the hint
     */
    public static Path find(String program, String debianPackage, Path... candidates) {
        Optional<Path> found = Stream.concat(onPath(program), Arrays.stream(candidates))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        String hint = program + " is not installed; install it to run these tests: apt-get install " + debianPackage
                + " (Debian, Ubuntu)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true, so the tests of real daemons must run, but " + hint);
        }
        Assumptions.abort(hint);
        throw new IllegalStateException("unreachable: the assumption aborted the test");
    }

    private static Stream<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program));
    }
}
