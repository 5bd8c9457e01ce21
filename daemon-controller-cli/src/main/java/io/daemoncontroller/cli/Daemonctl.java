package io.daemoncontroller.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code daemonctl}: the {@code daemons} actuator endpoint of a Spring Boot app from the command line, as
 * ControlFreak's {@code cfkctl} is for its daemon. {@code daemonctl --help} lists the commands. It exits with 0 when
 * done, 1 when the app refused or a daemon failed, 2 for a wrong command line and 3 when the app did not answer.
 *
 * @since 0.1.0
 */
public final class Daemonctl {

    private Daemonctl() {
    }

    public static void main(String[] args) {
        Clock clock = Clock.systemDefaultZone();
        System.exit(run(Arrays.asList(args), System.getenv(), new Console(System.out, System.err, clock)).status());
    }

    /** Runs the command line {@code args} with {@code environment}, printing to {@code console}. */
    static Exit run(List<String> args, Map<String, String> environment, Console console) {
        try {
            Invocation invocation = Invocation.parse(args, environment);
            Endpoint endpoint = new Endpoint(invocation.actuator(), invocation.authorization());
            return invocation.command().run(invocation, endpoint, console);
        } catch (Failure failure) {
            console.err().println("daemonctl: " + failure.getMessage());
            return failure.exit();
        } finally {
            console.out().flush();
        }
    }
}
