package io.daemoncontroller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says, to every process that supervises a daemon, that it was stopped on purpose: a file beside its PID file
 * ({@code <pid file>.stopped}), written before a stop on request and removed by the next start. Without it, another
 * instance of the app would take the stop for a death and start the daemon again.
 */
final class StopMarker {

    private final String identifier;
    private final Path path;

    StopMarker(String identifier, Path pidFile) {
        this.identifier = identifier;
        this.path = pidFile.resolveSibling(pidFile.getFileName() + ".stopped");
    }

    boolean isSet() {
        return path.toFile().exists();
    }

    void set() {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, "stopped on request by pid " + ProcessHandle.current().pid() + "\n");
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot write " + path
                    + ", which tells other processes the daemon was stopped on purpose: " + ex.getMessage(), ex);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ex) {
            throw new DaemonControllerException(identifier, identifier + ": cannot delete " + path + ": "
                    + ex.getMessage(), ex);
        }
    }
}
