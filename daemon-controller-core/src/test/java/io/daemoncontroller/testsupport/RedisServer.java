package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;

import java.nio.file.Path;

/**
 * Command lines for a real {@code redis-server} on 127.0.0.1 and a port, keeping its files in a test's directory
 * and persisting nothing.
 */
public final class RedisServer {

    private final Path program;
    private final Path dir;
    private final int port;

    private RedisServer(Path program, Path dir, int port) {
        this.program = program;
        this.dir = dir;
        this.port = port;
    }

    /** A redis-server in {@code dir} on {@code port}; skips the test when redis-server is not installed. */
    public static RedisServer in(Path dir, int port) {
        return new RedisServer(RequiredProgram.find("redis-server", "redis-server"), dir, port);
    }

    /** Where {@link #daemonizingCommand} makes redis log. */
    public Path logFile() {
        return dir.resolve("redis.log");
    }

    /**
     * Redis going into the background by itself ({@code --daemonize yes}), writing {@code pidFile} and logging to
     * {@link #logFile()}, with {@code moreOptions} ({@code --name value}) added.
     */
    public String daemonizingCommand(Path pidFile, String... moreOptions) {
        return foregroundCommand("--daemonize yes --pidfile " + shellQuote(pidFile.toString()) + " --logfile "
                + shellQuote(logFile().toString()), moreOptions);
    }

    /** Redis in the foreground, logging to stdout, with {@code moreOptions} ({@code --name value}) added. */
    public String foregroundCommand(String... moreOptions) {
        return foregroundCommand("", moreOptions);
    }

    private String foregroundCommand(String daemonizing, String... moreOptions) {
        return shellQuote(program.toString()) + " --port " + port + " --bind 127.0.0.1 --dir "
                + shellQuote(dir.toString()) + " --save '' --appendonly no " + daemonizing + " "
                + String.join(" ", moreOptions);
    }
}
