package io.daemoncontroller.boot.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The last lines of a text file, read backwards from its end in blocks, so that a long log costs what is returned,
 * not its size. A final line without its newline counts as a line.
 */
final class LogTail {

    private static final int BLOCK = 8192;

    private LogTail() {
    }

    /** The last {@code count} lines of {@code file} (all of them if it has fewer), oldest first, decoded as UTF-8. */
    static List<String> lastLines(Path file, int count) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            long start = startOfLastLines(channel, end, count);
            ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(end - start));
            read(channel, tail, start);
            return new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Where the last {@code count} lines before {@code end} begin: just after the newline that precedes them. */
    private static long startOfLastLines(FileChannel channel, long end, int count) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        int newlines = 0;
        for (long position = end; position > 0; ) {
            int size = (int) Math.min(BLOCK, position);
            position -= size;
            block.clear().limit(size);
            read(channel, block, position);
            for (int i = block.position() - 1; i >= 0; i--) {
                boolean endsLastLine = position + i == end - 1;
                if (block.get(i) == '\n' && !endsLastLine && ++newlines == count) {
                    return position + i + 1;
                }
            }
        }
        return 0;
    }

    /** Fills {@code buffer} from {@code position} on, or as far as the file goes if it shrank meanwhile. */
    private static void read(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int read = 0;
        while (buffer.hasRemaining() && read >= 0) {
            read = channel.read(buffer, position + buffer.position());
        }
    }
}
