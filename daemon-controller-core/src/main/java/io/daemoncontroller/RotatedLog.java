package io.daemoncontroller;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A log file and the files it was rotated to, {@code <file>.1} (the newest) to {@code <file>.<rotatedFiles>}: reads
 * what was written since a {@link Position}, across rotations. A rotation renames each file one number up and starts
 * the log file anew, so a file, known by its file key (its inode), only ever moves to a higher number; a position in
 * a file that was dropped continues at the oldest file kept. Without rotation ({@code rotatedFiles} 0), a log file
 * that was replaced or truncated is read from its beginning.
 */
final class RotatedLog {

    private static final int ATTEMPTS = 10;

    private final Path file;
    private final int rotatedFiles;

    RotatedLog(Path file, int rotatedFiles) {
        this.file = Objects.requireNonNull(file, "file");
        this.rotatedFiles = rotatedFiles;
    }

    Path file() {
        return file;
    }

    /** Where the log file ends now; {@link Position#NONE} when there is none. */
    Position end() {
        BasicFileAttributes attributes = attributes(file);
        return attributes == null ? Position.NONE : new Position(attributes.fileKey(), attributes.size());
    }

    /**
     * Opens the files that hold what was written since {@code position}, oldest first, each with where to read from;
     * the caller closes them. The files are opened as they were at one moment: a rotation meanwhile opens them
     * again.
     */
    List<Part> openSince(Position position) throws IOException {
        Optional<Part> stillCurrent = openIfStillCurrent(position);
        if (stillCurrent.isPresent()) {
            return List.of(stillCurrent.get());
        }
        for (int attempt = 1; ; attempt++) {
            Object[] keys = keys();
            List<Part> parts = open(keys, position);
            if (attempt == ATTEMPTS || Arrays.equals(keys, keys())) {
                return parts;
            }
            closeAll(parts);
        }
    }

    /** The common case, with no rotation since {@code position}: the log file, still the one it is in. */
    private Optional<Part> openIfStillCurrent(Position position) throws IOException {
        BasicFileAttributes before = attributes(file);
        if (before == null || !before.fileKey().equals(position.fileKey()) || before.size() < position.offset()) {
            return Optional.empty();
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException rotatedMeanwhile) {
            return Optional.empty();
        }
        BasicFileAttributes after = attributes(file);
        if (after == null || !after.fileKey().equals(position.fileKey())) {
            channel.close();
            return Optional.empty();
        }
        return Optional.of(new Part(channel, position.fileKey(), position.offset()));
    }

    private List<Part> open(Object[] keys, Position position) throws IOException {
        int first = indexOf(keys, position.fileKey());
        boolean fromOffset = first >= 0;
        if (!fromOffset) {
            first = position.fileKey() == null ? 0 : oldest(keys);
        }
        List<Part> parts = new ArrayList<>();
        try {
            for (int index = first; index >= 0; index--) {
                if (keys[index] == null) {
                    continue;
                }
                FileChannel channel = FileChannel.open(name(index), StandardOpenOption.READ);
                long size = channel.size();
                long from = index == first && fromOffset && position.offset() <= size ? position.offset() : 0;
                parts.add(new Part(channel, keys[index], from));
            }
        } catch (IOException ex) {
            closeAll(parts);
            throw ex;
        }
        return parts;
    }

    /** The file keys of the log file (index 0) and of each rotated file, {@code null} where there is none. */
    private Object[] keys() {
        Object[] keys = new Object[rotatedFiles + 1];
        for (int index = 0; index <= rotatedFiles; index++) {
            BasicFileAttributes attributes = attributes(name(index));
            keys[index] = attributes == null ? null : attributes.fileKey();
        }
        return keys;
    }

    private Path name(int index) {
        return index == 0 ? file : file.resolveSibling(file.getFileName() + "." + index);
    }

    private static int indexOf(Object[] keys, Object key) {
        if (key != null) {
            for (int index = 0; index < keys.length; index++) {
                if (key.equals(keys[index])) {
                    return index;
                }
            }
        }
        return -1;
    }

    private static int oldest(Object[] keys) {
        for (int index = keys.length - 1; index > 0; index--) {
            if (keys[index] != null) {
                return index;
            }
        }
        return 0;
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException missing) {
            return null;
        }
    }

    static void closeAll(List<Part> parts) {
        for (Part part : parts) {
            part.close();
        }
    }

    /** A place in a log: the file, by its key ({@code null}: no file yet), and a byte offset in it. */
    record Position(Object fileKey, long offset) {

        static final Position NONE = new Position(null, 0);
    }

    /** One file of a log, open, and the offset to read it from. */
    record Part(FileChannel channel, Object fileKey, long from) implements Closeable {

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException harmless) {
                return;
            }
        }
    }
}
