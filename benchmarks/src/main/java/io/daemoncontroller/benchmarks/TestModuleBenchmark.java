package io.daemoncontroller.benchmarks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;
import io.daemoncontroller.test.Daemon;
import io.daemoncontroller.test.DaemonScope;
import io.daemoncontroller.test.FreePorts;
import io.daemoncontroller.test.WithDaemons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The time from nothing to a first successful query through the test module ({@code @WithDaemons} with a
 * {@code @Daemon(scope = JVM)} field), for a real redis-server and a real PostgreSQL, as a test suite pays it: for
 * the first test class, which starts the daemon, and for a later class, which finds it shared.
 * <p>
 * Each run launches two test classes with the JUnit Platform in this JVM, one after the other, on a new daemon (its
 * own directory and port, so its first class starts it). The first class's time runs from before its
 * {@code DaemonController} is built and the class launched (no daemon, no controller) to the end of its first
 * successful query: it includes JUnit's launch of the class. The later class's time runs from its first
 * {@code beforeAll} callback (an extension registered before {@code @WithDaemons}) to the end of its query: what
 * the class pays for the daemon, plus the query, which is also timed alone. The queries: for redis a {@code PING}
 * in RESP over a plain socket, answered {@code +PONG}; for PostgreSQL a JDBC connection and {@code SELECT 1}.
 * <p>
 * PostgreSQL (Debian's {@code postgresql} package) runs in the foreground ({@code daemonizeForMe}) on a data
 * directory made by {@code initdb} before the run (timed apart), ready when it logs that it accepts connections;
 * as root it runs as the user {@code postgres}. The first run of each is the JVM's first (classes loaded, code
 * interpreted); the others are reported as median, minimum and maximum. Runs: {@code -DtestModuleRuns=N} (default
 * 10).
 */
public final class TestModuleBenchmark {

    private static final Path POSTGRES_BIN = Path.of(System.getProperty("postgresBin",
            "/usr/lib/postgresql/15/bin"));

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    /** The daemon of the current run, which the launched classes declare, and its port. */
    static volatile DaemonController daemon;
    static volatile int port;

    static volatile long firstClassStart;
    static volatile long laterClassStart;
    static volatile long firstQueryEnd;
    static volatile long laterQueryEnd;
    static volatile long laterQueryAlone;

    private TestModuleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("testModuleRuns", 10);
        System.out.println("daemon-controller test module benchmark: " + runs + " runs per daemon, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        Path base = traversable(Files.createTempDirectory("daemon-controller-testmodule"));
        List<Result> redis = new ArrayList<>();
        List<Result> postgres = new ArrayList<>();
        List<Long> initdb = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = traversable(Files.createDirectory(base.resolve("run-" + run)));
            redis.add(measure(redisPort -> redis(dir.resolve("redis"), redisPort), RedisFirstClass.class,
                    RedisLaterClass.class));
            Path postgresDir = ownedByPostgres(dir.resolve("postgres"));
            long initdbStart = System.nanoTime();
            initdb(postgresDir.resolve("data"));
            initdb.add(System.nanoTime() - initdbStart);
            postgres.add(measure(postgresPort -> postgres(postgresDir, postgresPort), PostgresFirstClass.class,
                    PostgresLaterClass.class));
        }
        report("redis-server", redis);
        report("PostgreSQL", postgres);
        System.out.printf("  PostgreSQL initdb of a fresh data directory (not in the figures above): median %s%n",
                millis(median(initdb)));
        SharedContextsFigures.measure(base);
    }

    /**
     * One run: the daemon {@code build} makes on a free port, the first class, the later class; the daemon is
     * stopped after.
     */
    private static Result measure(IntFunction<DaemonController> build, Class<?> first, Class<?> later) {
        port = FreePorts.next();
        firstClassStart = System.nanoTime();
        daemon = build.apply(port);
        try {
            launch(first);
            launch(later);
            return new Result(firstQueryEnd - firstClassStart, laterQueryEnd - laterClassStart, laterQueryAlone);
        } finally {
            daemon.stop();
        }
    }

    static void launch(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
                listener);
        if (listener.getSummary().getTotalFailureCount() > 0 || listener.getSummary().getTestsSucceededCount() != 1) {
            listener.getSummary().printFailuresTo(new PrintWriter(System.out, true), 30);
            throw new IllegalStateException(testClass.getSimpleName() + " failed");
        }
    }

    private static DaemonController redis(Path dir, int redisPort) {
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Path pidFile = dir.resolve("redis.pid");
        return DaemonController.builder("redis")
                .startCommand(List.of("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                        "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "yes",
                        "--pidfile", pidFile.toString(), "--logfile", dir.resolve("redis.log").toString()))
                .pidFile(pidFile)
                .logFile(dir.resolve("redis.log"))
                .ping(Ping.tcp("127.0.0.1", redisPort))
                .build();
    }

    private static DaemonController postgres(Path dir, int postgresPort) {
        DaemonController.Builder builder = DaemonController.builder("postgres")
                .startCommand(List.of(POSTGRES_BIN.resolve("postgres").toString(), "-D",
                        dir.resolve("data").toString(), "-p", Integer.toString(postgresPort), "-c",
                        "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "fsync=off"))
                .daemonizeForMe(true)
                .pidFile(dir.resolve("postgres.pid"))
                .readyLogLine("database system is ready to accept connections")
                .ping(Ping.tcp("127.0.0.1", postgresPort))
                .stopSignal("INT");
        if (ROOT) {
            builder.user("postgres");
        }
        return builder.build();
    }

    /** {@code dir}, which PostgreSQL's user may now pass through to its own directory below. */
    private static Path traversable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        return dir;
    }

    /** A directory for PostgreSQL's files, owned by the user it runs as. */
    private static Path ownedByPostgres(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (ROOT) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        return dir;
    }

    private static void initdb(Path dataDir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (ROOT) {
            command.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups"));
        }
        command.addAll(List.of(POSTGRES_BIN.resolve("initdb").toString(), "-D", dataDir.toString(), "-U",
                "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** {@code PING} in RESP over a new socket; returns when {@code +PONG} is read. */
    static void redisPing(int redisPort) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] pong = in.readNBytes(7);
            if (!"+PONG\r\n".equals(new String(pong, StandardCharsets.US_ASCII))) {
                throw new IllegalStateException("redis answered " + new String(pong, StandardCharsets.US_ASCII));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A JDBC connection and {@code SELECT 1}. */
    static void postgresQuery(int postgresPort) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort
                + "/postgres", "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            if (!result.next() || result.getInt(1) != 1) {
                throw new IllegalStateException("SELECT 1 answered no 1");
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void report(String name, List<Result> results) {
        Result cold = results.get(0);
        List<Result> warm = results.subList(1, results.size());
        System.out.println(name + ", the JVM's first run: first class " + millis(cold.firstClass())
                + ", later class " + millis(cold.laterClass()) + " (its query alone " + millis(cold.query()) + ")");
        System.out.println(name + ", " + warm.size() + " later runs, median (min, max):");
        row("  first class, nothing to first successful query", warm, Result::firstClass);
        row("  later class, its beforeAll to first successful query", warm, Result::laterClass);
        row("  later class, the query alone", warm, Result::query);
        row("  later class, what it pays for the daemon (difference)", warm,
                result -> result.laterClass() - result.query());
    }

    private static void row(String what, List<Result> results, Function<Result, Long> figure) {
        List<Long> values = new ArrayList<>(results.stream().map(figure).toList());
        Collections.sort(values);
        System.out.printf("%s: %s (%s, %s)%n", what, millis(median(values)), millis(values.get(0)),
                millis(values.get(values.size() - 1)));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String millis(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    /** Nanoseconds: the first class from nothing, the later class from its beforeAll, the later class's query. */
    private record Result(long firstClass, long laterClass, long query) {
    }

    /** Marks when a later class begins: registered before {@code @WithDaemons}, its beforeAll runs first. */
    static final class LaterClassClock implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            laterClassStart = System.nanoTime();
        }
    }

    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class RedisFirstClass {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController redis = daemon;

        @Test
        void pings() {
            redisPing(port);
            firstQueryEnd = System.nanoTime();
        }
    }

    @ExtendWith(LaterClassClock.class)
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class RedisLaterClass {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController redis = daemon;

        @Test
        void pings() {
            long start = System.nanoTime();
            redisPing(port);
            laterQueryEnd = System.nanoTime();
            laterQueryAlone = laterQueryEnd - start;
        }
    }

    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PostgresFirstClass {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController postgres = daemon;

        @Test
        void selects() {
            postgresQuery(port);
            firstQueryEnd = System.nanoTime();
        }
    }

    @ExtendWith(LaterClassClock.class)
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PostgresLaterClass {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController postgres = daemon;

        @Test
        void selects() {
            long start = System.nanoTime();
            postgresQuery(port);
            laterQueryEnd = System.nanoTime();
            laterQueryAlone = laterQueryEnd - start;
        }
    }
}
