package io.daemoncontroller;

import java.util.List;

/**
 * A command to run: a string runs through {@code /bin/sh -c}, a list runs as it is, without a shell.
 */
record CommandLine(List<String> argv, String display) {

    static CommandLine shell(String command) {
        return new CommandLine(List.of("/bin/sh", "-c", command), command);
    }

    static CommandLine exec(List<String> argv) {
        return new CommandLine(List.copyOf(argv), String.join(" ", argv));
    }

    @Override
    public String toString() {
        return display;
    }
}
