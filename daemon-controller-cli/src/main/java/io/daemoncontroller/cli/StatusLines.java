package io.daemoncontroller.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code status} output, one line per daemon as cfkctl prints it: state, name, how long ago it entered that state
 * (and when, in local time), then its pid while it runs, or how it last ended when it does not:
 * <pre>
 * running  kv     2 minutes ago (2026-12-01 00:31:02)  pid 4242
 * failed   redis  5 seconds ago (2026-12-01 00:33:10)  exited with status 1
 * </pre>
 */
final class StatusLines {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StatusLines() {
    }

    /** The lines for {@code daemons}, as the endpoint describes them, seen at {@code now} in {@code zone}. */
    static List<String> of(List<Map<String, Object>> daemons, Instant now, ZoneId zone) {
        int stateWidth = daemons.stream().mapToInt(daemon -> state(daemon).length()).max().orElse(0);
        int nameWidth = daemons.stream().mapToInt(daemon -> text(daemon, "name").length()).max().orElse(0);
        return daemons.stream().map(daemon -> line(daemon, stateWidth, nameWidth, now, zone)).toList();
    }

    private static String line(Map<String, Object> daemon, int stateWidth, int nameWidth, Instant now, ZoneId zone) {
        StringBuilder line = new StringBuilder();
        line.append(pad(state(daemon), stateWidth)).append("  ").append(pad(text(daemon, "name"), nameWidth));
        String since = text(daemon, "since");
        try {
            Instant instant = Instant.parse(since);
            line.append("  ").append(ago(Duration.between(instant, now))).append(" (")
                    .append(LOCAL_TIME.format(instant.atZone(zone))).append(')');
        } catch (DateTimeParseException ex) {
            line.append("  since ").append(since);
        }
        if (daemon.get("pid") != null) {
            line.append("  pid ").append(daemon.get("pid"));
        } else if (daemon.get("lastExit") != null) {
            line.append("  ").append(daemon.get("lastExit"));
        }
        if (Boolean.TRUE.equals(daemon.get("unresponsive"))) {
            line.append("  unresponsive");
            if (daemon.get("livenessFailures") != null) {
                line.append(" (").append(daemon.get("livenessFailures")).append(" liveness checks failed)");
            }
        }
        return line.toString().stripTrailing();
    }

    /** {@code 5 seconds ago}, {@code 1 minute ago}, {@code 3 hours ago}, {@code 2 days ago}. */
    static String ago(Duration elapsed) {
        long seconds = Math.max(0, elapsed.toSeconds());
        if (seconds < 60) {
            return count(seconds, "second");
        }
        if (seconds < 3600) {
            return count(seconds / 60, "minute");
        }
        if (seconds < 48 * 3600) {
            return count(seconds / 3600, "hour");
        }
        return count(seconds / 86400, "day");
    }

    private static String count(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s") + " ago";
    }

    private static String state(Map<String, Object> daemon) {
        return text(daemon, "state").toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String text(Map<String, Object> daemon, String key) {
        Object value = daemon.get(key);
        return value == null ? "?" : value.toString();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
