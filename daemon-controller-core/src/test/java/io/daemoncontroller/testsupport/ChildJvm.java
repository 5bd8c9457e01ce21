package io.daemoncontroller.testsupport;

import io.daemoncontroller.testdaemon.TestDaemonCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Launches a main class of the test classpath in a JVM of its own, marked as this test JVM's (so that a leftover one
 * is found), with its stdout and stderr appended to a file.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code mainClass} with {@code args}; its output goes to {@code outputFile}. */
    public static Process start(Path outputFile, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>(TestDaemonCommand.javaCommand(System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            return new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()))
                    .start();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The {@code key=value} arguments a child JVM's main was started with, by key. */
    public static Map<String, String> options(String... args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return options;
    }
}
