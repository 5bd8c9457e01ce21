package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;

import java.nio.file.Path;

/**
 * Command lines for a real {@code memcached} on 127.0.0.1 and a port (TCP only, 16 MB), run as the test's user.
 */
public final class Memcached {

    private final Path program;
    private final int port;

    private Memcached(Path program, int port) {
        this.program = program;
        this.port = port;
    }

    /** A memcached on {@code port}; skips the test when memcached is not installed. */
    public static Memcached on(int port) {
        return new Memcached(RequiredProgram.find("memcached", "memcached"), port);
    }

    /**
     * Memcached going into the background by itself ({@code -d}), writing {@code pidFile}, with {@code moreOptions}
     * added. Verbose ({@code -v}): a daemonized memcached keeps its stderr open then, so its errors reach the start
     * command's output.
     */
    public String daemonizingCommand(Path pidFile, String... moreOptions) {
        return shellQuote(program.toString()) + " -d -P " + shellQuote(pidFile.toString()) + " -p " + port
                + " -l 127.0.0.1 -U 0 -m 16 -v -u " + shellQuote(System.getProperty("user.name")) + " "
                + String.join(" ", moreOptions);
    }
}
