package io.daemoncontroller.cli;

/** Why a command did not do what was asked: the message for the operator, and the exit status that says which kind. */
final class Failure extends RuntimeException {

    private final Exit exit;

    Failure(Exit exit, String message) {
        super(message, null, false, false);
        this.exit = exit;
    }

    /** A mistake on the command line, told with a hint at {@code daemonctl --help}. */
    static Failure usage(String message) {
        return new Failure(Exit.USAGE, message + " (daemonctl --help shows the commands and options)");
    }

    Exit exit() {
        return exit;
    }
}
