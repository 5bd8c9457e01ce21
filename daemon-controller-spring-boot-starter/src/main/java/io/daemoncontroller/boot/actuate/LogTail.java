package io.daemoncontroller.boot.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines of a log file, read backwards from its end in blocks, so that a long log costs what is returned,
 * not its size. A final line without its newline counts as a line. When the file has fewer lines than asked for, the
 * rest come from the files it was rotated to, {@code <file>.1}, {@code <file>.2} and on, as logrotate and
 * {@code log-max-size} name them; a rotation while they are read reads them again, so that no line is repeated or
 * skipped at the seam.
 */
final class LogTail {

    private static final int BLOCK = 8192;

    private static final int ATTEMPTS = 5;

    private LogTail() {
    }

    /**
     * The last {@code count} lines of {@code file} and the files it was rotated to (all of them if they have fewer),
     * oldest first, decoded as UTF-8.
     *
     * @throws NoSuchFileException when neither the file nor a rotated one exists
     */
    static List<String> lastLines(Path file, int count) throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<Object> keys = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            try {
                for (int index = 0; index == 0 || lines.size() < count; index++) {
                    Path part = index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index);
                    Object key = fileKey(part);
                    if (key == null && index > 0) {
                        break;
                    }
                    keys.add(key);
                    if (key != null) {
                        lines.addAll(0, lastLinesOf(part, count - lines.size()));
                    }
                }
            } catch (NoSuchFileException rotatedMeanwhile) {
                continue;
            }
            if (keys.size() == 1 && keys.get(0) == null) {
                throw new NoSuchFileException(file.toString());
            }
            if (attempt >= ATTEMPTS || keys.equals(keysOf(file, keys.size()))) {
                return lines;
            }
        }
    }

    private static List<Object> keysOf(Path file, int files) {
        List<Object> keys = new ArrayList<>();
        for (int index = 0; index < files; index++) {
            keys.add(fileKey(index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index)));
        }
        return keys;
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException missing) {
            return null;
        }
    }

    private static List<String> lastLinesOf(Path file, int count) throws IOException {
        if (count <= 0) {
            return List.of();
        }
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
