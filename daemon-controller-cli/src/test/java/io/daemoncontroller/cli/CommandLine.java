package io.daemoncontroller.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code daemonctl} in this JVM against one actuator, capturing what it prints. */
final class CommandLine {

    private final String url;

    CommandLine(String url) {
        this.url = url;
    }

    /** Runs {@code daemonctl --url=<url> args...} to its end. */
    Run run(String... args) {
        Run run = new Run();
        run.exit = Daemonctl.run(withUrl(args), Map.of(), run.console());
        return run;
    }

    /** Starts {@code daemonctl --url=<url> args...} on a thread of its own, such as {@code log -f}. */
    Run start(String... args) {
        Run run = new Run();
        run.thread = new Thread(() -> run.exit = Daemonctl.run(withUrl(args), Map.of(), run.console()), "daemonctl");
        run.thread.start();
        return run;
    }

    private List<String> withUrl(String... args) {
        List<String> all = new ArrayList<>(List.of("--url=" + url));
        all.addAll(List.of(args));
        return all;
    }

    /** One run: how it ended and what it printed so far. */
    static final class Run {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private volatile Exit exit;

        private Thread thread;

        private Console console() {
            return new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemDefaultZone());
        }

        Exit exit() {
            return exit;
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Interrupts a run started with {@link CommandLine#start}, as Ctrl-C would end it, and waits for its end. */
        Run interrupt() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            if (thread.isAlive()) {
                throw new AssertionError("daemonctl did not end when interrupted; it printed:\n" + out());
            }
            return this;
        }
    }
}
