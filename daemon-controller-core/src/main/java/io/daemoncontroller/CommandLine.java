package io.daemoncontroller;

import java.util.List;
import java.util.Set;

/**
 * A command to run: a string runs through {@code /bin/sh -c}, a list runs as it is, without a shell.
 *
 * @param argv the words to run
 * @param display the command as the user gave it
 * @param shellScript the script {@code /bin/sh -c} runs, or {@code null} for a list
 */
record CommandLine(List<String> argv, String display, String shellScript) {

    /** Outside quotes: what makes a shell command more than one simple command (lists, pipes, subshells). */
    private static final String OPERATORS = ";&|()\n";

    /** Words that begin a compound command, or builtins that cannot be {@code exec}'d. */
    private static final Set<String> NOT_EXECUTABLE = Set.of("if", "case", "for", "while", "until", "select", "{",
            "!", "[[", "function", "time", "cd", "export", "set", "unset", "ulimit", "umask", ".", "source", "exec",
            "eval", "trap", "exit", "wait", "read", "shift", "alias", "readonly", "local");

    static CommandLine shell(String command) {
        return new CommandLine(List.of("/bin/sh", "-c", command), command, command);
    }

    static CommandLine exec(List<String> argv) {
        return new CommandLine(List.copyOf(argv), String.join(" ", argv), null);
    }

    /**
     * The words that run this command so that the process started is the command's program itself: a list as it
     * is, and a single simple shell command as {@code exec <command>}. A compound shell command keeps its shell.
     */
    List<String> execArgv() {
        return isSimpleShellCommand() ? List.of("/bin/sh", "-c", "exec " + shellScript) : argv;
    }

    /** Whether {@link #execArgv()} runs the program itself, rather than a shell that runs it. */
    boolean runsItsProgramDirectly() {
        return shellScript == null || isSimpleShellCommand();
    }

    private boolean isSimpleShellCommand() {
        if (shellScript == null || hasCompoundSyntax(shellScript)) {
            return false;
        }
        String first = shellScript.strip().split("\\s+", 2)[0];
        return !first.isEmpty() && !first.contains("=") && !NOT_EXECUTABLE.contains(first);
    }

    /**
     * Whether {@code script} holds, outside quotes, an operator that joins commands, or anywhere but within single
     * quotes a command substitution. A backslash escapes the next character outside single quotes.
     */
    private static boolean hasCompoundSyntax(String script) {
        boolean singleQuoted = false;
        boolean doubleQuoted = false;
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (singleQuoted) {
                singleQuoted = c != '\'';
            } else if (c == '\\') {
                i++;
            } else if (c == '`' || (c == '$' && i + 1 < script.length() && script.charAt(i + 1) == '(')) {
                return true;
            } else if (c == '"') {
                doubleQuoted = !doubleQuoted;
            } else if (!doubleQuoted && c == '\'') {
                singleQuoted = true;
            } else if (!doubleQuoted && OPERATORS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return display;
    }
}
