package io.daemoncontroller;

/**
 * Writes the message of a failed start, stop or restart: what went wrong, then the evidence (the command, its
 * output, the daemon's new log lines), then how it ended, such as {@code (exited with status 1)} or
 * {@code (timed out)}.
 */
final class FailureReport {

    private final StringBuilder message = new StringBuilder();

    private FailureReport(String headline) {
        message.append(headline);
    }

    static FailureReport of(String identifier, String whatFailed, String reason) {
        return new FailureReport(identifier + " " + whatFailed + ": " + reason);
    }

    FailureReport command(SpawnedCommand command) {
        if (command != null) {
            message.append("\n").append(capitalized(command.role())).append(": ").append(command.commandLine());
            command.runAs().ifPresent(runAs -> message.append(" (as ").append(runAs).append(")"));
            section("Its output", command.output());
        }
        return this;
    }

    FailureReport logLines(LogFileWatch log) {
        if (log.file() != null) {
            String lines = log.newLines();
            section("New lines in " + log.file(), lines.isEmpty() ? "(none)" : lines);
        }
        return this;
    }

    String endingWith(String ending) {
        return message.append("\n(").append(ending).append(")").toString();
    }

    private void section(String title, String text) {
        if (!text.isEmpty()) {
            message.append("\n").append(title).append(":\n  ").append(text.replace("\n", "\n  "));
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
