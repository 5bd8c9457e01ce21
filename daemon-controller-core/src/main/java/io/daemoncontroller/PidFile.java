package io.daemoncontroller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A daemon's PID file. It is valid when its first line holds a positive decimal pid, surrounded by white space or
 * not; more lines may follow (PostgreSQL's {@code postmaster.pid}). Anything else ({@code 0}, a negative number,
 * other text, an empty file) is invalid. It names the daemon when that pid is a running, non-zombie process that
 * started before the file was written (a later one reused the pid).
 */
final class PidFile {

    /** How much earlier than its start a process may seem to start: /proc's clock ticks and boot time are coarse. */
    private static final Duration START_TIME_SLACK = Duration.ofSeconds(1);

    private final String identifier;
    private final Path path;

    PidFile(String identifier, Path path) {
        this.identifier = identifier;
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * What the file holds now. One {@code stat} tells both whether it exists and when it was written, without an
     * exception for a missing file: waits poll for it, and {@code isRunning()} reads it on every call.
     */
    Content read() {
        long written = path.toFile().lastModified();
        if (written == 0) {
            return Content.MISSING;
        }
        try {
            String text = new String(Files.readAllBytes(path), StandardCharsets.US_ASCII);
            return new Content(parse(text), Instant.ofEpochMilli(written), text);
        } catch (NoSuchFileException ex) {
            return Content.MISSING;
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot read the PID file " + path + ": "
                    + ex.getMessage(), ex);
        }
    }

    /** The running process {@code content} names, unless a process that started after it was written reused the pid. */
    static Optional<OsProcess> process(Content content) {
        if (content.pid().isEmpty()) {
            return Optional.empty();
        }
        Optional<OsProcess> candidate = OsProcess.find(content.pid().getAsLong());
        if (candidate.isPresent() && candidate.get().startTime().isAfter(content.written().plus(START_TIME_SLACK))) {
            return Optional.empty();
        }
        return candidate;
    }

    /** Writes {@code pid} so that no reader ever sees a partial file. */
    void write(long pid) {
        try {
            Files.createDirectories(path.getParent());
            Path partial = path.resolveSibling(path.getFileName() + ".partial");
            Files.writeString(partial, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot write the PID file " + path
                    + " (option pidFile): " + ex.getMessage(), ex);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot delete the PID file " + path
                    + " (option pidFile): " + ex.getMessage(), ex);
        }
    }

    /** Deletes the file if it still holds what {@code seen} read, so that a newer daemon's file survives. */
    void deleteIfUnchanged(Content seen) {
        if (read().equals(seen)) {
            delete();
        }
    }

    /**
     * Creates the PID file's directory, and the missing ones above it, which belong to {@code owner} unless it is
     * {@code null}: a daemon that runs as another user and writes its own PID file can write there. A directory that
     * exists keeps its owner.
     */
    void createDirectory(UserAccount owner) {
        Path directory = path.getParent();
        Path topmostMissing = null;
        for (Path ancestor = directory; ancestor != null && !Files.exists(ancestor); ancestor = ancestor.getParent()) {
            topmostMissing = ancestor;
        }
        try {
            Files.createDirectories(directory);
            if (owner != null && topmostMissing != null) {
                for (Path created = directory; created.startsWith(topmostMissing); created = created.getParent()) {
                    owner.own(created);
                }
            }
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot create the directory of the PID "
                    + "file " + path + " (option pidFile): " + ex.getMessage(), ex);
        }
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static OptionalLong parse(String text) {
        String trimmed = text.stripLeading().lines().findFirst().orElse("").strip();
        if (trimmed.isEmpty() || trimmed.length() > 18 || !isDigits(trimmed)) {
            return OptionalLong.empty();
        }
        long pid = Long.parseLong(trimmed);
        return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
    }

    /**
     * What a PID file held when read: a valid pid, or none (the file is missing or invalid), when it was written,
     * and its text.
     */
    record Content(boolean exists, OptionalLong pid, Instant written, String text) {

        private static final int SHOWN_CHARACTERS = 40;

        static final Content MISSING = new Content(false, OptionalLong.empty(), Instant.EPOCH, "");

        Content(OptionalLong pid, Instant written, String text) {
            this(true, pid, written, text);
        }

        boolean isInvalid() {
            return exists && pid.isEmpty();
        }

        /** The text, quoted, shortened when long, with line ends shown, for a message. */
        String shownText() {
            String shown = text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "..." : text;
            return "\"" + shown.replace("\n", "\\n") + "\"";
        }
    }
}
