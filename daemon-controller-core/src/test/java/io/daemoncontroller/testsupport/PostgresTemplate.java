package io.daemoncontroller.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 data directory made once by {@code initdb} (a second), for a test class whose tests each run a
 * {@link Postgres} on a copy of it. PostgreSQL refuses to run as root; as root, PostgreSQL runs as {@code nobody}
 * (the controller's {@code user} option, and {@code setpriv} for {@code initdb}), and the directories it uses belong
 * to {@code nobody}.
 */
public final class PostgresTemplate {

    private static final String UNPRIVILEGED_USER = "nobody";
    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private final Path bin;
    private final Path dataDir;

    private PostgresTemplate(Path bin, Path dataDir) {
        this.bin = bin;
        this.dataDir = dataDir;
    }

    /**
     * Runs {@code initdb} into {@code dir}: trust authentication, superuser {@code postgres}; skips the test when
     * PostgreSQL is not installed.
     */
    public static PostgresTemplate initdb(Path dir) {
        Path bin = realPath(RequiredProgram.find("pg_ctl", "postgresql",
                Path.of("/usr/lib/postgresql/15/bin/pg_ctl"))).getParent();
        Path owned = ownedByTheServerUser(dir, "template");
        Path dataDir = owned.resolve("data");
        List<String> initdb = new ArrayList<>(List.of(commandPrefix().split(" ")));
        initdb.removeIf(String::isEmpty);
        initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres", "-A",
                "trust", "--no-sync", "-E", "UTF8", "--locale=C"));
        run(initdb);
        return new PostgresTemplate(bin, dataDir);
    }

    /** A PostgreSQL on a copy of this data directory, under {@code dir}, on 127.0.0.1 and {@code port}. */
    public Postgres copyTo(Path dir, int port) {
        Path owned = ownedByTheServerUser(dir, "postgres");
        Path copy = owned.resolve("data");
        run(List.of("cp", "-a", dataDir.toString(), copy.toString()));
        return new Postgres(bin, owned, copy, port, isRoot() ? UNPRIVILEGED_USER : System.getProperty("user.name"));
    }

    /** {@code setpriv} switching to the unprivileged user, as root; nothing otherwise. */
    private static String commandPrefix() {
        return isRoot() ? "setpriv --reuid=" + UNPRIVILEGED_USER + " --regid=" + UNPRIVILEGED_GROUP
                + " --init-groups " : "";
    }

    /** Makes {@code parent} traversable and creates {@code name} in it, owned by the user PostgreSQL runs as. */
    private static Path ownedByTheServerUser(Path parent, String name) {
        try {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
            Path dir = Files.createDirectory(parent.resolve(name),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            if (isRoot()) {
                run(List.of("chown", UNPRIVILEGED_USER + ":" + UNPRIVILEGED_GROUP, dir.toString()));
            }
            return dir;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Debian links some of PostgreSQL's programs into the {@code PATH}; the others are only next to the real one. */
    private static Path realPath(Path program) {
        try {
            return program.toRealPath();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
