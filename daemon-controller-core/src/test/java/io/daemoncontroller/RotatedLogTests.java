package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RotatedLog} reads what a log gained since a position across rotations, on real files renamed as the relay does. */
class RotatedLogTests {

    @TempDir
    Path dir;

    @Test
    void aLineWrittenJustBeforeARotationIsReadFromTheRotatedFile() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "old\n");
        ReadyLogLine ready = ReadyLogLine.from(new RotatedLog(log, 2), Pattern.compile("^ready$"));
        assertThat(ready.seen()).isFalse();

        append(log, "ready\n");
        rotate(log, 2);
        append(log, "after\n");

        assertThat(ready.seen()).isTrue();
    }

    @Test
    void whatWasWrittenSinceAPositionSpansEveryRotationSinceInOrder() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "before\n");
        RotatedLog rotated = new RotatedLog(log, 3);
        RotatedLog.Position start = rotated.end();

        append(log, "one\n");
        rotate(log, 3);
        append(log, "two\n");
        rotate(log, 3);
        append(log, "three\n");

        assertThat(readSince(rotated, start)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void aPositionInAFileSinceDroppedContinuesAtTheOldestFileKept() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "dropped\n");
        RotatedLog rotated = new RotatedLog(log, 1);
        RotatedLog.Position start = rotated.end();
        keepInode(log);

        rotate(log, 1);
        append(log, "kept\n");
        rotate(log, 1);
        append(log, "current\n");

        assertThat(readSince(rotated, start)).isEqualTo("kept\ncurrent\n");
    }

    @Test
    void withoutRotationAReplacedLogFileIsReadFromItsBeginning() throws IOException {
        Path log = append(dir.resolve("daemon.log"), "old\n");
        RotatedLog plain = new RotatedLog(log, 0);
        RotatedLog.Position start = plain.end();
        keepInode(log);

        Files.delete(log);
        append(log, "new\n");

        assertThat(readSince(plain, start)).isEqualTo("new\n");
    }

    private static String readSince(RotatedLog log, RotatedLog.Position position) throws IOException {
        List<RotatedLog.Part> parts = log.openSince(position);
        try {
            return OutputTail.read(parts) + "\n";
        } finally {
            RotatedLog.closeAll(parts);
        }
    }

    /** Renames the files one number up, as the relay does, dropping the one beyond {@code rotatedFiles}. */
    private static void rotate(Path log, int rotatedFiles) throws IOException {
        for (int index = rotatedFiles; index > 1; index--) {
            Path older = log.resolveSibling(log.getFileName() + "." + (index - 1));
            if (Files.exists(older)) {
                Files.move(older, log.resolveSibling(log.getFileName() + "." + index),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Links {@code file} elsewhere, so that a file created after it is gone cannot take its inode, and so its key. */
    private void keepInode(Path file) throws IOException {
        Files.createLink(dir.resolve("kept-" + file.getFileName()), file);
    }

    private static Path append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }
}
