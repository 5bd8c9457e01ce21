package io.daemoncontroller;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs each line a daemon run by this JVM writes, as it writes it: stdout at INFO and stderr at WARN, to the
 * logger {@code daemon.<name>}, with the daemon's name and pid in the MDC (keys {@code daemon} and {@code pid}).
 * The lines reach the log file on their own (see {@link SpawnedCommand}); this only copies them into the app's
 * logs while this JVM runs.
 */
final class OutputRelay {

    private OutputRelay() {
    }

    static void start(DaemonSpec spec, Process daemon) {
        Logger logger = LoggerFactory.getLogger(spec.loggerName());
        relay(spec.threads("stdout"), daemon.getInputStream(), spec.identifier(), daemon.pid(), logger::info);
        relay(spec.threads("stderr"), daemon.getErrorStream(), spec.identifier(), daemon.pid(), logger::warn);
    }

    private static void relay(ThreadFactory threads, InputStream stream, String identifier, long pid,
            BiConsumer<String, Object> log) {
        threads.newThread(() -> {
            MDC.put("daemon", identifier);
            MDC.put("pid", Long.toString(pid));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.accept("{}", line);
                }
            } catch (IOException closed) {
                return;
            }
        }).start();
    }
}
