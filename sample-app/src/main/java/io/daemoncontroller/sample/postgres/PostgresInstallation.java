package io.daemoncontroller.sample.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * With the {@code postgres} profile, gives the {@code postgres} daemon's commands what depends on the machine, as
 * properties of the lowest precedence, so that setting them anywhere else wins: {@code app.postgres.bin-dir}, the
 * directory of {@code initdb} and {@code postgres} (the newest {@code /usr/lib/postgresql/<version>/bin}, where
 * Debian and Ubuntu install them, else their directory on the {@code PATH}), and
 * {@code app.postgres.user}, the user PostgreSQL runs as ({@code postgres} when the app runs as root, which
 * PostgreSQL refuses; the app's own user otherwise, since only root may run a command as another user). Then
 * creates the data directory {@code app.postgres.data-dir}, if missing, empty and owned by that user, for
 * {@code initdb}, which runs as the user and may not write where the app's files are. An
 * {@code EnvironmentPostProcessor} registered in {@code META-INF/spring.factories}, run right after the
 * configuration files are read: the starter's own post-processor, which chooses the daemons' ports, already builds
 * the daemon with its {@code user}, and the daemon starts before any bean exists.
 */
class PostgresInstallation implements EnvironmentPostProcessor, Ordered {

    private static final String BIN_DIR = "app.postgres.bin-dir";
    private static final String USER = "app.postgres.user";
    private static final String DATA_DIR = "app.postgres.data-dir";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String ROOT_USER = "postgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            return;
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!environment.containsProperty(BIN_DIR)) {
            defaults.put(BIN_DIR, binDirectory().toString());
        }
        defaults.put(USER, isRoot() ? ROOT_USER : System.getProperty("user.name"));
        environment.getPropertySources().addLast(new MapPropertySource("postgresInstallation", defaults));
        createDataDirectory(Path.of(environment.getRequiredProperty(DATA_DIR)), environment.getRequiredProperty(USER));
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    private static void createDataDirectory(Path dataDirectory, String user) {
        if (Files.exists(dataDirectory)) {
            return;
        }
        try {
            UserPrincipal owner = dataDirectory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(user);
            Files.createDirectories(dataDirectory.getParent());
            Files.createDirectory(dataDirectory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.setOwner(dataDirectory, owner);
        } catch (UserPrincipalNotFoundException ex) {
            throw new IllegalStateException("No user " + user + " to run PostgreSQL as (" + USER + "). Install"
                    + " PostgreSQL's server (apt-get install postgresql adds the user postgres), or set " + USER
                    + " to an existing user.", ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot create PostgreSQL's data directory " + dataDirectory + " ("
                    + DATA_DIR + ") for the user " + user, ex);
        }
    }

    private static Path binDirectory() {
        return newestDebianVersion().or(PostgresInstallation::onPath).orElseThrow(() -> new IllegalStateException(
                "The postgres profile needs PostgreSQL's server programs initdb and postgres, found neither in "
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
        return Files.isExecutable(directory.resolve("initdb")) && Files.isExecutable(directory.resolve("postgres"));
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot tell whether the app runs as root", ex);
        }
    }
}
