package io.daemoncontroller.sample.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * With the {@code postgres} profile, gives the {@code postgres} daemon's commands what depends on the machine, as
 * properties of the lowest precedence, so that setting them anywhere else wins: {@code app.postgres.bin-dir}, the
 * directory of {@code initdb} and {@code pg_ctl} (the newest {@code /usr/lib/postgresql/<version>/bin}, where
 * Debian and Ubuntu install them, else the directory of {@code pg_ctl} on the {@code PATH}), and
 * {@code app.postgres.user}, the user PostgreSQL runs as ({@code postgres} when the app runs as root, which
 * PostgreSQL refuses; the app's own user otherwise, since only root may run a command as another user). A listener
 * registered in {@code META-INF/spring.factories}: the daemon starts before any bean exists.
 */
class PostgresInstallation implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final String BIN_DIR = "app.postgres.bin-dir";
    private static final String USER = "app.postgres.user";

    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String ROOT_USER = "postgres";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty(BIN_DIR)) {
            defaults.put(BIN_DIR, binDirectory().toString());
        }
        defaults.put(USER, isRoot() ? ROOT_USER : System.getProperty("user.name"));
        environment.getPropertySources().addLast(new MapPropertySource("postgresInstallation", defaults));
    }

    private static Path binDirectory() {
        return newestDebianVersion().or(PostgresInstallation::onPath).orElseThrow(() -> new IllegalStateException(
                "The postgres profile needs PostgreSQL's server programs initdb and pg_ctl, found neither in "
                        + DEBIAN_VERSIONS + "/<version>/bin nor on the PATH. Install them (apt-get install postgresql"
                        + " on Debian and Ubuntu), or set " + BIN_DIR + " to their directory."));
    }

    private static Optional<Path> newestDebianVersion() {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)*"))
                    .map(version -> version.resolve("bin"))
                    .filter(PostgresInstallation::hasServerPrograms)
                    .max(Comparator.comparing(bin -> Runtime.Version.parse(bin.getParent().getFileName().toString())));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the PostgreSQL versions in " + DEBIAN_VERSIONS, ex);
        }
    }

    private static Optional<Path> onPath() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(Path::of)
                .filter(PostgresInstallation::hasServerPrograms)
                .findFirst();
    }

    private static boolean hasServerPrograms(Path directory) {
        return Files.isExecutable(directory.resolve("initdb")) && Files.isExecutable(directory.resolve("pg_ctl"));
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot tell whether the app runs as root", ex);
        }
    }
}
