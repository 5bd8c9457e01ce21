package io.daemoncontroller.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@code daemonctl} command line asks for: the command, the daemon or {@code @tag} it acts on, where the
 * actuator is and how to log in to it. Options may come before or after the command; {@code --name=value} and
 * {@code --name value} are the same. {@code DAEMONCTL_URL}, {@code DAEMONCTL_USER} and {@code DAEMONCTL_TOKEN} in the
 * environment stand for {@code --url}, {@code --user} and {@code --token}; options win.
 *
 * @param command the command
 * @param target the daemon's name or {@code @tag}, when the command takes one
 * @param actuator the actuator's base URL, such as {@code http://localhost:8080/actuator}
 * @param authorization the {@code Authorization} header to send, if any
 * @param lines how many lines {@code log} shows first
 * @param follow whether {@code log} goes on printing new lines
 */
record Invocation(Command command, Optional<String> target, URI actuator, Optional<String> authorization, int lines,
        boolean follow) {

    static final String DEFAULT_URL = "http://localhost:8080/actuator";

    static final int DEFAULT_LINES = 100;

    /** The invocation {@code args} ask for; throws a usage {@link Failure} that names the wrong argument. */
    static Invocation parse(List<String> args, Map<String, String> environment) {
        Options options = new Options();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && arg.length() > 2) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg : arg.substring(0, equals);
                if (!Options.FLAGS.contains(name) && !Options.VALUED.contains(name)) {
                    throw Options.unknown(name);
                }
                if (Options.FLAGS.contains(name)) {
                    if (equals >= 0) {
                        throw Failure.usage(name + " takes no value, not \"" + arg.substring(equals + 1) + "\"");
                    }
                    options.flag(name);
                } else if (equals >= 0) {
                    options.value(name, arg.substring(equals + 1));
                } else {
                    options.value(name, valueAfter(args, i++, name));
                }
            } else if (arg.startsWith("-n") && arg.length() > 2) {
                options.value("-n", arg.substring(2));
            } else if (arg.equals("-n")) {
                options.value("-n", valueAfter(args, i++, arg));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                options.flag(arg);
            } else {
                operands.add(arg);
            }
        }
        if (options.help || (!operands.isEmpty() && operands.get(0).equals("help"))) {
            return new Invocation(Command.HELP, Optional.empty(), URI.create(DEFAULT_URL), Optional.empty(),
                    DEFAULT_LINES, false);
        }
        if (operands.isEmpty()) {
            throw Failure.usage("No command: use " + Command.names());
        }
        Command command = Command.named(operands.get(0)).orElseThrow(() -> Failure.usage("Unknown command \""
                + operands.get(0) + "\": use " + Command.names()));
        if (operands.size() > 2) {
            throw Failure.usage("Unexpected argument \"" + operands.get(2) + "\": " + command.usage());
        }
        Optional<String> target = operands.size() > 1 ? Optional.of(operands.get(1)) : Optional.empty();
        command.check(target);
        if ((options.lines != null || options.follow) && command != Command.LOG) {
            throw Failure.usage((options.follow ? "-f" : "-n") + " is an option of log only: " + command.usage());
        }
        return new Invocation(command, target, actuator(options.url, environment), authorization(options,
                environment), lines(options.lines), options.follow);
    }

    private static String valueAfter(List<String> args, int index, String name) {
        if (index + 1 >= args.size()) {
            throw Failure.usage(name + " needs a value, such as " + name + (name.equals("-n") ? " 50" : "=..."));
        }
        return args.get(index + 1);
    }

    private static URI actuator(String option, Map<String, String> environment) {
        String url = option != null ? option : environment.getOrDefault("DAEMONCTL_URL", DEFAULT_URL);
        String source = option != null ? "--url" : "DAEMONCTL_URL";
        try {
            URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (http && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException ex) {
            // told below, with the fix
        }
        throw Failure.usage(source + " must be the actuator's base URL, such as " + DEFAULT_URL + ", not \"" + url
                + "\"");
    }

    private static Optional<String> authorization(Options options, Map<String, String> environment) {
        boolean fromOptions = options.user != null || options.token != null;
        String user = fromOptions ? options.user : environment.get("DAEMONCTL_USER");
        String token = fromOptions ? options.token : environment.get("DAEMONCTL_TOKEN");
        String names = fromOptions ? "--user or --token" : "DAEMONCTL_USER or DAEMONCTL_TOKEN";
        if (user != null && token != null) {
            throw Failure.usage("Give " + names + ", not both: basic or bearer authentication");
        }
        if (user != null) {
            if (user.indexOf(':') < 1) {
                throw Failure.usage((fromOptions ? "--user" : "DAEMONCTL_USER") + " must be name:password");
            }
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        if (token != null) {
            if (token.isBlank()) {
                throw Failure.usage((fromOptions ? "--token" : "DAEMONCTL_TOKEN") + " is empty");
            }
            return Optional.of("Bearer " + token.strip());
        }
        return Optional.empty();
    }

    private static int lines(String lines) {
        if (lines == null) {
            return DEFAULT_LINES;
        }
        try {
            int count = Integer.parseInt(lines);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException ex) {
            // told below, with the fix
        }
        throw Failure.usage("-n must be a number of lines, such as -n 50, not \"" + lines + "\"");
    }

    /** The options as given, before they are checked. */
    private static final class Options {

        static final List<String> FLAGS = List.of("--help", "--follow");

        static final List<String> VALUED = List.of("--url", "--user", "--token", "--lines");

        String url;

        String user;

        String token;

        String lines;

        boolean follow;

        boolean help;

        void value(String name, String value) {
            switch (name) {
                case "--url" -> url = value;
                case "--user" -> user = value;
                case "--token" -> token = value;
                case "--lines", "-n" -> lines = value;
                default -> throw unknown(name);
            }
        }

        void flag(String name) {
            switch (name) {
                case "--follow", "-f" -> follow = true;
                case "--help", "-h" -> help = true;
                default -> throw unknown(name);
            }
        }

        static Failure unknown(String name) {
            return Failure.usage("Unknown option " + name + ": use --url, --user, --token, --help, or -n and -f "
                    + "with log");
        }
    }
}
