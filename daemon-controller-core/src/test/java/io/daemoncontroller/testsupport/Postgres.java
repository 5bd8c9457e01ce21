package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;

import java.nio.file.Path;

/**
 * Command lines for a real PostgreSQL on a copy of a {@link PostgresTemplate}'s data directory, listening on
 * 127.0.0.1 and a port, with its UNIX socket and its log next to the data directory. The commands must run as
 * {@link #user()}, the owner of the data directory.
 */
public final class Postgres {

    private final Path bin;
    private final Path dir;
    private final Path dataDir;
    private final int port;
    private final String user;

    Postgres(Path bin, Path dir, Path dataDir, int port, String user) {
        this.bin = bin;
        this.dir = dir;
        this.dataDir = dataDir;
        this.port = port;
        this.user = user;
    }

    /** The user PostgreSQL runs as, for the controller's {@code user} option: nobody as root, else this JVM's. */
    public String user() {
        return user;
    }

    /** PostgreSQL's own PID file, {@code postmaster.pid}: the postmaster's pid on the first line, more lines after. */
    public Path pidFile() {
        return dataDir.resolve("postmaster.pid");
    }

    /** Where {@link #pgCtlStartCommand} makes PostgreSQL log. */
    public Path logFile() {
        return dir.resolve("postgres.log");
    }

    /**
     * {@code pg_ctl start}, which starts the postmaster in the background and waits until it accepts connections,
     * with {@code moreOptions} ({@code -c name=value}) added to the server's options.
     */
    public String pgCtlStartCommand(String... moreOptions) {
        return shellQuote(bin.resolve("pg_ctl").toString()) + " -D " + shellQuote(dataDir.toString())
                + " -l " + shellQuote(logFile().toString()) + " -w -o " + shellQuote(serverOptions(moreOptions))
                + " start";
    }

    /** The postmaster in the foreground, logging to stderr, with {@code moreOptions} added. */
    public String foregroundCommand(String... moreOptions) {
        return shellQuote(bin.resolve("postgres").toString()) + " -D "
                + shellQuote(dataDir.toString()) + " " + serverOptions(moreOptions);
    }

    private String serverOptions(String... moreOptions) {
        return "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 " + String.join(" ", moreOptions);
    }
}
