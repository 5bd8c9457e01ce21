package io.daemoncontroller.cli;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The commands of {@code daemonctl}, each with what it takes and how it carries itself out. */
enum Command {

    STATUS("status [name|@tag]", "one line per daemon: state, name, since when, pid", Target.OPTIONAL) {
        @Override
        Exit run(Invocation invocation, Endpoint endpoint, Console console) {
            Optional<String> target = invocation.target();
            Reply reply = target.isPresent() ? endpoint.show(target.get()) : endpoint.list();
            if (!reply.isSuccess()) {
                throw reply.refusal();
            }
            List<Map<String, Object>> daemons = target.isPresent() && !isTag(target.get())
                    ? List.of(reply.object()) : reply.objects("daemons");
            Clock clock = console.clock();
            StatusLines.of(daemons, clock.instant(), clock.getZone()).forEach(console.out()::println);
            return Exit.OK;
        }
    },

    START("start name|@tag", "starts the daemon (each with the tag), waits until it is ready", Target.REQUIRED),

    STOP("stop name|@tag", "stops the daemon (each with the tag), waits until it is gone", Target.REQUIRED),

    RESTART("restart name|@tag", "stops and starts the daemon (each with the tag)", Target.REQUIRED),

    PID("pid name", "prints its pid alone: kill -9 $(daemonctl pid name); fails if it does not run",
            Target.NAME) {
        @Override
        Exit run(Invocation invocation, Endpoint endpoint, Console console) {
            String name = invocation.target().orElseThrow();
            Reply reply = endpoint.show(name);
            if (!reply.isSuccess()) {
                throw reply.refusal();
            }
            Map<String, Object> daemon = reply.object();
            Object pid = daemon.get("pid");
            if (pid == null && "RUNNING".equals(daemon.get("state"))) {
                throw new Failure(Exit.FAILED, "Daemon \"" + name + "\" runs, but the app does not know its pid "
                        + "(lifecycle " + daemon.get("lifecycle") + ")");
            }
            if (pid == null) {
                throw new Failure(Exit.FAILED, "Daemon \"" + name + "\" has no pid: it is "
                        + String.valueOf(daemon.get("state")).toLowerCase(Locale.ROOT) + "; daemonctl start " + name
                        + " starts it");
            }
            console.out().println(pid);
            return Exit.OK;
        }
    },

    LOG("log name [-n 100] [-f]", "the last lines of its log file (-n, up to 1000); -f: then new ones, each "
            + "second, until Ctrl-C", Target.NAME) {
        @Override
        Exit run(Invocation invocation, Endpoint endpoint, Console console) {
            LogReader log = new LogReader(endpoint, invocation.target().orElseThrow());
            if (!invocation.follow()) {
                log.lastLines(invocation.lines()).forEach(console.out()::println);
                return Exit.OK;
            }
            log.lastLinesOnceWritten(invocation.lines(), console).ifPresent(lines -> {
                lines.forEach(console.out()::println);
                log.follow(lines, invocation.lines(), console);
            });
            return Exit.OK;
        }
    },

    HELP("help", "prints this help", Target.NONE) {
        @Override
        Exit run(Invocation invocation, Endpoint endpoint, Console console) {
            console.out().print(help());
            return Exit.OK;
        }
    };

    private final String synopsis;

    private final String description;

    private final Target target;

    Command(String synopsis, String description, Target target) {
        this.synopsis = synopsis;
        this.description = description;
        this.target = target;
    }

    /**
     * Carries out the command; returns how it ended, or throws a {@link Failure} that says why it did not. By
     * default, posts the command as the endpoint's action, as {@code start}, {@code stop} and {@code restart} do.
     */
    Exit run(Invocation invocation, Endpoint endpoint, Console console) {
        return act(invocation, endpoint, console);
    }

    /** {@code usage: daemonctl start name|@tag}. */
    String usage() {
        return "usage: daemonctl " + synopsis;
    }

    /** Throws a usage {@link Failure} if {@code given} is not what this command takes. */
    void check(Optional<String> given) {
        target.check(this, given);
    }

    static Optional<Command> named(String name) {
        return Arrays.stream(values()).filter(command -> command.name().equalsIgnoreCase(name)).findFirst();
    }

    /** {@code status, start, stop, restart, pid, log or help}. */
    static String names() {
        String all = Arrays.stream(values()).map(command -> command.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /** The text of {@code daemonctl --help}. */
    static String help() {
        StringBuilder help = new StringBuilder("""
                daemonctl: the daemons of a Spring Boot app with daemon-controller, through its actuator.

                Commands:
                """);
        for (Command command : values()) {
            help.append(String.format("  %-24s %s%n", command.synopsis, command.description));
        }
        help.append("""

                Options:
                  --url=URL                the actuator's base URL (DAEMONCTL_URL), default %s
                  --user=name:password     basic authentication (DAEMONCTL_USER)
                  --token=TOKEN            bearer authentication (DAEMONCTL_TOKEN)
                  -h, --help               this help

                Exit status: 0 done, 1 failed (a daemon failed to start or stop, an unknown daemon, a refusal),
                2 wrong command line, 3 the app did not answer.
                """.formatted(Invocation.DEFAULT_URL));
        return help.toString();
    }

    private static boolean isTag(String target) {
        return target.startsWith("@");
    }

    /** Posts this command's action; prints one line per daemon, failures on the error stream. */
    private static Exit act(Invocation invocation, Endpoint endpoint, Console console) {
        String target = invocation.target().orElseThrow();
        String action = invocation.command().name().toLowerCase(Locale.ROOT);
        Reply reply = endpoint.act(target, action);
        Map<String, Object> body = reply.json() instanceof Map<?, ?> ? reply.object() : Map.of();
        List<Map<String, Object>> results = body.containsKey("results") ? reply.objects("results")
                : body.containsKey("daemon") ? List.of(body) : List.of();
        if (results.isEmpty()) {
            throw reply.refusal();
        }
        Exit exit = Exit.OK;
        for (Map<String, Object> result : results) {
            if (result.get("error") != null) {
                console.err().println(result.get("daemon") + ": " + action + " failed: " + result.get("error"));
                exit = Exit.FAILED;
            } else {
                console.out().println(result.get("daemon") + ": " + result.get("result"));
            }
        }
        return exit;
    }

    /** What a command takes after its name. */
    private enum Target {

        NONE, OPTIONAL, REQUIRED, NAME;

        void check(Command command, Optional<String> given) {
            if (this == NONE && given.isPresent()) {
                throw Failure.usage("Unexpected argument \"" + given.get() + "\": " + command.usage());
            }
            if ((this == REQUIRED || this == NAME) && given.isEmpty()) {
                throw Failure.usage(command.name().toLowerCase(Locale.ROOT) + " needs "
                        + (this == NAME ? "a daemon's name" : "a daemon's name or @tag") + ": " + command.usage());
            }
            if (this == NAME && isTag(given.get())) {
                throw Failure.usage(command.name().toLowerCase(Locale.ROOT) + " takes one daemon's name, not a tag ("
                        + given.get() + "): " + command.usage());
            }
        }
    }
}
