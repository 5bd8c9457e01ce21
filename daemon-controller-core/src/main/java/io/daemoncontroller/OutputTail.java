package io.daemoncontroller;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads the end of what a process wrote to a file: at most the last {@value #MAX_LINES} lines and
 * {@value #MAX_BYTES} bytes, so that a chatty daemon cannot flood an exception message.
 */
final class OutputTail {

    static final int MAX_LINES = 100;
    static final int MAX_BYTES = 16 * 1024;

    private OutputTail() {
    }

    /** The end of {@code file} from byte {@code from} on; empty when the file is missing. */
    static String read(Path file, long from) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = size < from ? 0 : from;
            long readFrom = Math.max(start, size - MAX_BYTES);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - readFrom));
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = channel.read(buffer, readFrom + buffer.position());
            }
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            return lastLines(text, readFrom > start);
        } catch (NoSuchFileException ex) {
            return "";
        } catch (IOException ex) {
            return "[cannot read " + file + ": " + ex.getMessage() + "]";
        }
    }

    /** The end of what {@code parts}, read in order from their offsets, hold together. */
    static String read(List<RotatedLog.Part> parts) throws IOException {
        long[] lengths = new long[parts.size()];
        long total = 0;
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = Math.max(0, parts.get(i).channel().size() - parts.get(i).from());
            total += lengths[i];
        }
        long skip = Math.max(0, total - MAX_BYTES);
        ByteBuffer buffer = ByteBuffer.allocate((int) (total - skip));
        for (int i = 0; i < lengths.length; i++) {
            long skipped = Math.min(skip, lengths[i]);
            skip -= skipped;
            long from = parts.get(i).from() + skipped;
            long end = parts.get(i).from() + lengths[i];
            int partStart = buffer.position();
            buffer.limit(partStart + (int) (end - from));
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = parts.get(i).channel().read(buffer, from + buffer.position() - partStart);
            }
            buffer.limit(buffer.capacity());
        }
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        return lastLines(text, total > MAX_BYTES);
    }

    private static String lastLines(String text, boolean cut) {
        String[] lines = text.strip().split("\n", -1);
        if (text.isBlank()) {
            return "";
        }
        int first = Math.max(cut ? 1 : 0, lines.length - MAX_LINES);
        StringBuilder tail = new StringBuilder();
        if (first > 0) {
            tail.append("[... earlier output omitted ...]\n");
        }
        for (int i = first; i < lines.length; i++) {
            tail.append(lines[i]).append('\n');
        }
        return tail.toString().stripTrailing();
    }
}
