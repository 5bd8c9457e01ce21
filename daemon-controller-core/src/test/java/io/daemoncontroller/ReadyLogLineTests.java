package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReadyLogLine} sees a matching line written after it began, read incrementally from a real file. */
class ReadyLogLineTests {

    private static final Pattern READY = Pattern.compile("ready to accept connections");

    @TempDir
    Path dir;

    @Test
    void aLineWrittenBeforeTheWatchBeganDoesNotCount() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "ready to accept connections\n");
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 0), READY);

        assertThat(ready.seen()).isFalse();
        append(log, "starting\n");
        assertThat(ready.seen()).isFalse();
        append(log, "* ready to accept connections tcp\n");
        assertThat(ready.seen()).isTrue();
        assertThat(ready.describe()).endsWith(": seen");
    }

    @Test
    void aLineCountsOnceItsNewlineIsWrittenEvenWhenWrittenInPieces() throws IOException {
        Path log = dir.resolve("daemon.log");
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 0), Pattern.compile("^ready$"));

        append(log, "rea");
        assertThat(ready.seen()).isFalse();
        append(log, "dy");
        assertThat(ready.seen()).as("ready, without its newline yet").isFalse();
        append(log, "\r\n");
        assertThat(ready.seen()).isTrue();
    }

    @Test
    void aLineIsMatchedAcrossManyAppendsAndLongOutput() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "old line\n".repeat(10_000));
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 0), READY);

        append(log, "noise\n".repeat(5_000));
        assertThat(ready.seen()).isFalse();
        append(log, "noise\n".repeat(5_000) + "ready to accept connections\n");
        assertThat(ready.seen()).isTrue();
    }

    @Test
    void aTruncatedLogIsReadFromItsBeginning() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "a long line of an earlier start\n".repeat(100));
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 0), READY);

        Files.writeString(log, "ready to accept connections\n", StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING);

        assertThat(ready.seen()).isTrue();
    }

    @Test
    void aRecreatedLogIsReadFromItsBeginningEvenWhenItIsAlreadyLonger() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "earlier start\n");
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 0), READY);
        Files.move(log, dir.resolve("daemon.log.1"));

        append(log, "ready to accept connections, in a new file longer than the old one\n");

        assertThat(ready.seen()).isTrue();
    }

    @Test
    void aLogCreatedAfterTheWatchBeganIsReadWhole() throws IOException {
        Path log = dir.resolve("daemon.log");
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 0), READY);
        assertThat(ready.seen()).isFalse();
        assertThat(ready.describe()).isEqualTo("/ready to accept connections/ in " + log
                + ": not seen since this start began");

        append(log, "ready to accept connections\n");

        assertThat(ready.seen()).isTrue();
    }

    private static Path append(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
