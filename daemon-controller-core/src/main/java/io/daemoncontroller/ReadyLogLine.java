package io.daemoncontroller;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Watches a log file, during one start, for a line that contains a match of a pattern among the lines written since
 * the start began. Each {@link #seen()} reads only the bytes appended since the last one; a line counts once its
 * newline is written; a file that shrank or was replaced is read again from its beginning.
 */
final class ReadyLogLine {

    /** The most of one unfinished line kept between polls; a longer line is matched on its first part. */
    private static final int MAX_PENDING_BYTES = 64 * 1024;

    private static final int READ_CHUNK = 8 * 1024;

    private final Path file;
    private final Pattern line;
    private final ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Object fileKey;
    private long offset;
    private boolean seen;

    private ReadyLogLine(Path file, Pattern line) {
        this.file = file;
        this.line = line;
        BasicFileAttributes attributes = attributes();
        this.fileKey = attributes == null ? null : attributes.fileKey();
        this.offset = attributes == null ? 0 : attributes.size();
    }

    /** Watches {@code file} from its current end (its beginning once it is created) for {@code line}. */
    static ReadyLogLine from(Path file, Pattern line) {
        return new ReadyLogLine(Objects.requireNonNull(file, "file"), Objects.requireNonNull(line, "line"));
    }

    /** Whether a matching line was written since the start began; reads what was appended since the last call. */
    boolean seen() {
        if (!seen) {
            seen = readAppended();
        }
        return seen;
    }

    private boolean readAppended() {
        BasicFileAttributes attributes = attributes();
        if (attributes == null) {
            return false;
        }
        if (!Objects.equals(attributes.fileKey(), fileKey) || attributes.size() < offset) {
            fileKey = attributes.fileKey();
            offset = 0;
            pending.reset();
        }
        if (attributes.size() == offset) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int read;
            while ((read = channel.read(chunk.clear(), offset)) > 0) {
                offset += read;
                if (matchesALine(chunk.array(), read)) {
                    return true;
                }
            }
            return false;
        } catch (IOException goneOrUnreadable) {
            return false;
        }
    }

    private boolean matchesALine(byte[] bytes, int length) {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, lineStart, i - lineStart);
                String text = pending.toString(StandardCharsets.UTF_8).stripTrailing();
                pending.reset();
                if (line.matcher(text).find()) {
                    return true;
                }
                lineStart = i + 1;
            }
        }
        append(bytes, lineStart, length - lineStart);
        return false;
    }

    private void append(byte[] bytes, int from, int length) {
        pending.write(bytes, from, Math.min(length, Math.max(0, MAX_PENDING_BYTES - pending.size())));
    }

    private BasicFileAttributes attributes() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException missing) {
            return null;
        }
    }

    /** How the timeout report shows this condition: the pattern, the file, and whether the line was seen. */
    String describe() {
        return "/" + line.pattern() + "/ in " + file + ": " + (seen ? "seen" : "not seen since this start began");
    }
}
