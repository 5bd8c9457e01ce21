package io.daemoncontroller.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import io.daemoncontroller.DaemonController;

/**
 * What the launched test classes saw of their daemon, one line per test in a file of the launching test's
 * directory: the pid and the state, so that the launching test, in this JVM or after a child JVM, can compare them.
 */
record Seen(long pid, String state) {

    static void record(DaemonController controller) {
        record(controller, Path.of(System.getProperty(TestRedis.DIR)));
    }

    /** Records into {@code dir}, for a listener told after the launched classes ran, their properties cleared. */
    static void record(DaemonController controller, Path dir) {
        Path file = dir.resolve("seen");
        String line = controller.pid().orElse(-1) + " " + controller.status().state() + "\n";
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static List<Seen> in(Path dir) {
        try {
            Path file = dir.resolve("seen");
            return !Files.exists(file) ? List.of() : Files.readAllLines(file).stream()
                    .map(line -> line.split(" "))
                    .map(fields -> new Seen(Long.parseLong(fields[0]), fields[1]))
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
