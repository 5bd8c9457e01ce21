package io.daemoncontroller.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Reads a daemon's log through the endpoint: its last lines, then, when following, the lines it gains. */
final class LogReader {

    /** How often {@code log -f} asks for the log's end. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** How many lines each poll asks for: the endpoint's most, so the window is least likely to be outrun. */
    private static final int WINDOW = 1000;

    private final Endpoint endpoint;

    private final String name;

    LogReader(Endpoint endpoint, String name) {
        this.endpoint = endpoint;
        this.name = name;
    }

    /** The last {@code count} lines of the log, oldest first. */
    List<String> lastLines(int count) {
        return lastLines(endpoint.log(name, count), count);
    }

    /**
     * The last {@code count} lines of the log, once its file exists: as {@code tail -F} does, waits (saying so
     * once) while the daemon has a log file that was not written yet; empty when the thread is interrupted first.
     */
    Optional<List<String>> lastLinesOnceWritten(int count, Console console) {
        Optional<List<String>> lines = linesIfWritten(count);
        if (lines.isPresent()) {
            return lines;
        }
        console.err().println("daemonctl: " + name + "'s log file, " + logFile().orElseThrow()
                + ", does not exist yet; waiting for it");
        try {
            while (lines.isEmpty()) {
                Thread.sleep(POLL_INTERVAL.toMillis());
                lines = linesIfWritten(count);
            }
            return lines;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The last lines; empty when the daemon has a log file that does not exist (yet, or in a rotation's gap). */
    private Optional<List<String>> linesIfWritten(int count) {
        Reply reply = endpoint.log(name, count);
        if (reply.status() == 404 && logFile().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(lastLines(reply, count));
    }

    private List<String> lastLines(Reply reply, int count) {
        if (reply.status() == 400) {
            throw Failure.usage("-n " + count + " is refused: " + reply.refusal().getMessage());
        }
        if (!reply.isSuccess()) {
            throw reply.refusal();
        }
        return reply.strings("lines");
    }

    /** The daemon's log file, as its details name it; empty when it has none or is unknown. */
    private Optional<Object> logFile() {
        Reply details = endpoint.show(name);
        return details.isSuccess() ? Optional.ofNullable(details.object().get("logFile")) : Optional.empty();
    }

    /**
     * Prints the lines the log gains after {@code shown}, the answer to asking for {@code asked} lines, every {@link #POLL_INTERVAL}, until the thread is
     * interrupted (which ends it normally) or the endpoint refuses; a poll that finds no log file (a rotation's
     * gap) is skipped. New lines are told by {@link NewLogLines}; a gap
     * it cannot bridge is said on the error stream.
     */
    void follow(List<String> shown, int asked, Console console) {
        List<String> previous = shown;
        boolean previousWhole = shown.size() < asked;
        try {
            while (true) {
                Thread.sleep(POLL_INTERVAL.toMillis());
                Optional<List<String>> written = linesIfWritten(WINDOW);
                if (written.isEmpty()) {
                    continue;
                }
                List<String> window = written.get();
                boolean whole = window.size() < WINDOW;
                NewLogLines added = NewLogLines.between(previous, window, previousWhole && whole);
                if (!added.contiguous()) {
                    console.err().println("daemonctl: lines of " + name + "'s log may be missing here: it was "
                            + "rotated or truncated, or more than " + WINDOW + " lines came within "
                            + POLL_INTERVAL.toSeconds() + " s");
                }
                added.lines().forEach(console.out()::println);
                console.out().flush();
                previous = window;
                previousWhole = whole;
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
