package io.daemoncontroller.testsupport;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real {@code nginx} with a configuration of its own in a test's directory: it goes into the background by itself,
 * runs a master and two workers, listens on 127.0.0.1 and a port, and answers every request with {@code ok}.
 */
public final class Nginx {

    /** How many worker processes the master forks. */
    public static final int WORKERS = 2;

    private final Path program;
    private final Path dir;
    private final int port;

    private Nginx(Path program, Path dir, int port) {
        this.program = program;
        this.dir = dir;
        this.port = port;
    }

    /** An nginx in {@code dir} on {@code port}; skips the test when nginx is not installed. */
    public static Nginx in(Path dir, int port) {
        return new Nginx(RequiredProgram.find("nginx", "nginx-light"), dir, port);
    }

    /** Where nginx logs its errors. */
    public Path errorLog() {
        return dir.resolve("nginx-error.log");
    }

    /**
     * Writes the configuration, with {@code pidFile} and {@code moreDirectives} (main context, each ending in
     * {@code ;}), and returns the command that starts nginx with it.
     */
    public String daemonizingCommand(Path pidFile, String... moreDirectives) {
        Path temp = dir.resolve("nginx-temp");
        String config = String.join("\n",
                "daemon on; master_process on; worker_processes " + WORKERS + ";",
                "pid " + pidFile + "; error_log " + errorLog() + " info;",
                String.join("\n", moreDirectives),
                "events { worker_connections 64; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + temp + "; proxy_temp_path " + temp + "; fastcgi_temp_path " + temp + ";",
                "  uwsgi_temp_path " + temp + "; scgi_temp_path " + temp + ";",
                "  server { listen 127.0.0.1:" + port + "; location / { return 200 \"ok\\n\"; } }",
                "}", "");
        Path configFile = dir.resolve("nginx.conf");
        try {
            Files.writeString(configFile, config);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return shellQuote(program.toString()) + " -e " + shellQuote(errorLog().toString()) + " -p "
                + shellQuote(dir + "/") + " -c " + shellQuote(configFile.toString());
    }
}
