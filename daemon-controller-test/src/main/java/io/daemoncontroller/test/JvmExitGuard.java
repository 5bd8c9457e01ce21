package io.daemoncontroller.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import io.daemoncontroller.DaemonController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the daemons this JVM's tests started when the JVM dies without running its shutdown hooks ({@code SIGKILL},
 * the OOM killer). A small shell process, in a session of its own, reads from a pipe that only this JVM writes to
 * the pid and start time of each daemon to guard; when the JVM dies, however it dies, the pipe closes, and the guard
 * sends {@code SIGTERM} to each of those processes that still runs with the same start time (a pid reused since is
 * left alone). After a normal exit the shutdown hooks have stopped the daemons already, so the guard finds nothing to
 * do. One guard per JVM, started with the first daemon it guards.
 */
final class JvmExitGuard {

    private static final String SCRIPT = """
            guarded=
            while read -r pid start; do guarded="$guarded $pid:$start"; done
            for daemon in $guarded; do
                pid=${daemon%%:*}
                stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
                fields="${stat##*) }"
                [ "$(echo "$fields" | cut -d' ' -f20)" = "${daemon#*:}" ] && kill -TERM "$pid"
            done
            """;

    private static final Logger logger = LoggerFactory.getLogger(JvmExitGuard.class);

    private static JvmExitGuard jvm;

    private final OutputStream pipe;

    private JvmExitGuard(OutputStream pipe) {
        this.pipe = pipe;
    }

    /** The JVM's guard, started now if it was not. */
    static synchronized JvmExitGuard jvm() {
        if (jvm == null) {
            try {
                Process guard = new ProcessBuilder(List.of("setsid", "sh", "-c", SCRIPT))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                jvm = new JvmExitGuard(guard.getOutputStream());
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot start the guard that stops the tests' daemons when this JVM"
                        + " is killed (setsid sh)", ex);
            }
        }
        return jvm;
    }

    /** Guards the daemon {@code controller} runs now; nothing when it does not run. */
    synchronized void guard(DaemonController controller) {
        OptionalLong pid = controller.pid();
        if (pid.isEmpty()) {
            return;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid.getAsLong()), "stat"));
            String startTime = stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[19];
            pipe.write((pid.getAsLong() + " " + startTime + "\n").getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException ex) {
            logger.warn("{} (pid {}) is not guarded: it keeps running if this JVM is killed", controller.identifier(),
                    pid.getAsLong(), ex);
        }
    }
}
