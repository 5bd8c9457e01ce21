package io.daemoncontroller.sample.postgres;

import io.daemoncontroller.testsupport.RequiredProgram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The {@code postgres} profile's tests need PostgreSQL's server programs, where Debian and Ubuntu install them
 * ({@code /usr/lib/postgresql/<version>/bin}) or on the {@code PATH}: without them they are skipped on a developer's
 * machine, but fail in CI ({@code CI=true}).
 */
public final class PostgresRequirement {

    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    private PostgresRequirement() {
    }

    public static void check() {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            RequiredProgram.find("pg_ctl", "postgresql");
            return;
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            RequiredProgram.find("pg_ctl", "postgresql",
                    versions.map(version -> version.resolve("bin/pg_ctl")).toArray(Path[]::new));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
