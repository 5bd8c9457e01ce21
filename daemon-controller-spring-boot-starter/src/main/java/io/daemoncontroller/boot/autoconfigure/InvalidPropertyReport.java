package io.daemoncontroller.boot.autoconfigure;

/** The wording of a failure analysis for a bad {@code daemon-controller} property, shared by the analyzers. */
final class InvalidPropertyReport {

    private InvalidPropertyReport() {
    }

    static String description(String property, Object value, Object origin, String problem) {
        return "Invalid daemon configuration:\n\n    Property: " + property + "\n    Value: "
                + (value == null ? "(not set)" : "\"" + value + "\"")
                + (origin == null ? "" : "\n    Origin: " + origin) + "\n    Problem: " + problem;
    }

    static String action(String property, String accepted) {
        return "Set " + property + " to " + accepted + ".";
    }
}
