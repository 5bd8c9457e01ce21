package io.daemoncontroller.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTests {

    @TempDir
    Path directory;

    @Test
    void readsTheLastLinesAcrossBlocks() throws IOException {
        String long1 = "a".repeat(10_000);
        String long2 = "é".repeat(6_000);
        Path log = write("first\n" + long1 + "\n" + long2 + "\nlast\n");
        assertThat(LogTail.lastLines(log, 3)).containsExactly(long1, long2, "last");
        assertThat(LogTail.lastLines(log, 1)).containsExactly("last");
    }

    @Test
    void countsAFinalLineWithoutItsNewline() throws IOException {
        assertThat(LogTail.lastLines(write("one\ntwo\nthree"), 2)).containsExactly("two", "three");
    }

    @Test
    void returnsEveryLineOfAShorterFile() throws IOException {
        List<String> lines = IntStream.rangeClosed(1, 5).mapToObj(Integer::toString).toList();
        assertThat(LogTail.lastLines(Files.write(directory.resolve("log"), lines), 100)).isEqualTo(lines);
        assertThat(LogTail.lastLines(write(""), 10)).isEmpty();
    }

    @Test
    void keepsEmptyLines() throws IOException {
        assertThat(LogTail.lastLines(write("one\n\nthree\n"), 2)).containsExactly("", "three");
    }

    @Test
    void continuesIntoTheRotatedFilesWhenTheLogFileHasFewerLines() throws IOException {
        Files.writeString(directory.resolve("log.2"), "one\ntwo\n");
        Files.writeString(directory.resolve("log.1"), "three\nfour\n");
        Path log = write("five\n");
        assertThat(LogTail.lastLines(log, 4)).containsExactly("two", "three", "four", "five");
        assertThat(LogTail.lastLines(log, 10)).containsExactly("one", "two", "three", "four", "five");
        assertThat(LogTail.lastLines(log, 1)).containsExactly("five");
    }

    @Test
    void readsTheRotatedFilesWhenTheLogFileIsBetweenRotations() throws IOException {
        Files.writeString(directory.resolve("log.1"), "one\ntwo\n");
        assertThat(LogTail.lastLines(directory.resolve("log"), 5)).containsExactly("one", "two");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(directory.resolve("log"), text);
    }
}
