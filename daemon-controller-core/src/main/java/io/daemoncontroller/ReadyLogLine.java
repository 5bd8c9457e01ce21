package io.daemoncontroller;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Watches a log file, during one start, for a line that contains a match of a pattern among the lines written since
 * the start began. Each {@link #seen()} reads only the bytes appended since the last one, across rotations (see
 * {@link RotatedLog}); a line counts once its newline is written.
 */
final class ReadyLogLine {

    /** The most of one unfinished line kept between polls; a longer line is matched on its first part. */
    private static final int MAX_PENDING_BYTES = 64 * 1024;

    private static final int READ_CHUNK = 8 * 1024;

    private final RotatedLog log;
    private final Pattern line;
    private final ByteBuffer chunk = ByteBuffer.allocate(READ_CHUNK);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private RotatedLog.Position position;
    private boolean seen;

    private ReadyLogLine(RotatedLog log, Pattern line) {
        this.log = log;
        this.line = line;
        this.position = log.end();
    }

    /** Watches {@code log} from its current end (its beginning once it is created) for {@code line}. */
    static ReadyLogLine from(RotatedLog log, Pattern line) {
        return new ReadyLogLine(Objects.requireNonNull(log, "log"), Objects.requireNonNull(line, "line"));
    }

    /** Whether a matching line was written since the start began; reads what was appended since the last call. */
    boolean seen() {
        if (!seen) {
            seen = readAppended();
        }
        return seen;
    }

    private boolean readAppended() {
        if (log.end().equals(position)) {
            return false;
        }
        List<RotatedLog.Part> parts;
        try {
            parts = log.openSince(position);
        } catch (IOException goneOrUnreadable) {
            return false;
        }
        try {
            for (RotatedLog.Part part : parts) {
                if (!part.fileKey().equals(position.fileKey()) || part.from() != position.offset()) {
                    pending.reset();
                }
                long offset = part.from();
                position = new RotatedLog.Position(part.fileKey(), offset);
                int read;
                while ((read = part.channel().read(chunk.clear(), offset)) > 0) {
                    offset += read;
                    position = new RotatedLog.Position(part.fileKey(), offset);
                    if (matchesALine(chunk.array(), read)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException goneOrUnreadable) {
            return false;
        } finally {
            RotatedLog.closeAll(parts);
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

    /** How the timeout report shows this condition: the pattern, the file, and whether the line was seen. */
    String describe() {
        return "/" + line.pattern() + "/ in " + log.file() + ": " + (seen ? "seen" : "not seen since this start began");
    }
}
