package io.daemoncontroller.cli;

/** How {@code daemonctl} ends, as its exit status tells a script. */
enum Exit {

    /** Done as asked. */
    OK(0),

    /** The app answered, but the daemon failed to start or stop, is unknown, or the request was refused. */
    FAILED(1),

    /** The command line is wrong: an unknown command or option, a missing argument. */
    USAGE(2),

    /** No answer from the app: connection refused, unknown host, timed out. */
    UNREACHABLE(3);

    private final int status;

    Exit(int status) {
        this.status = status;
    }

    /** The process exit status. */
    int status() {
        return status;
    }
}
