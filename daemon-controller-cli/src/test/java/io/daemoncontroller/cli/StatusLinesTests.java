package io.daemoncontroller.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusLinesTests {

    private static final Instant NOW = Instant.parse("2026-12-01T00:33:15Z");

    @Test
    void showsStateNameSinceAndPidInAlignedColumnsLikeCfkctl() {
        List<String> lines = StatusLines.of(List.of(
                daemon("kv", "RUNNING", "2026-12-01T00:31:02.5Z", 4242L, null),
                daemon("redis", "FAILED", "2026-12-01T00:33:10Z", null, "exited with status 1"),
                daemon("search", "STOPPED", "2026-11-30T20:00:00Z", null, null)), NOW, ZoneOffset.ofHours(1));
        assertThat(lines).containsExactly(
                "running  kv      2 minutes ago (2026-12-01 01:31:02)  pid 4242",
                "failed   redis   5 seconds ago (2026-12-01 01:33:10)  exited with status 1",
                "stopped  search  4 hours ago (2026-11-30 21:00:00)");
    }

    @Test
    void marksARunningDaemonThatFailedItsLivenessChecksUnresponsiveWithTheCountOfFailedChecks() {
        Map<String, Object> hung = daemon("kv", "RUNNING", "2026-12-01T00:31:02.5Z", 4242L, null);
        hung.put("unresponsive", true);
        hung.put("livenessFailures", 3);
        Map<String, Object> failingOnce = daemon("web", "RUNNING", "2026-12-01T00:31:02.5Z", 4343L, null);
        failingOnce.put("livenessFailures", 1);
        assertThat(StatusLines.of(List.of(hung, failingOnce), NOW, ZoneOffset.UTC)).containsExactly(
                "running  kv   2 minutes ago (2026-12-01 00:31:02)  pid 4242  unresponsive (3 liveness checks failed)",
                "running  web  2 minutes ago (2026-12-01 00:31:02)  pid 4343");
    }

    @Test
    void saysHowLongAgoInTheLargestWholeUnit() {
        assertThat(StatusLines.ago(Duration.ofSeconds(1))).isEqualTo("1 second ago");
        assertThat(StatusLines.ago(Duration.ofSeconds(-3))).as("a clock behind the app's").isEqualTo("0 seconds ago");
        assertThat(StatusLines.ago(Duration.ofSeconds(119))).isEqualTo("1 minute ago");
        assertThat(StatusLines.ago(Duration.ofHours(47))).isEqualTo("47 hours ago");
        assertThat(StatusLines.ago(Duration.ofDays(3))).isEqualTo("3 days ago");
    }

    @Test
    void aSinceThatIsNotAnInstantIsShownAsIs() {
        assertThat(StatusLines.of(List.of(daemon("kv", "BACKOFF", "soon", null, null)), NOW, ZoneOffset.UTC))
                .containsExactly("backoff  kv  since soon");
    }

    private static Map<String, Object> daemon(String name, String state, String since, Long pid, String lastExit) {
        Map<String, Object> daemon = new HashMap<>();
        daemon.put("name", name);
        daemon.put("state", state);
        daemon.put("since", since);
        daemon.put("pid", pid);
        daemon.put("lastExit", lastExit);
        return daemon;
    }
}
