package io.daemoncontroller;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another app instance on the same host: a process that supervises a daemon with {@link RestartPolicy#ON_FAILURE},
 * for tests of what two supervisors of one daemon do. Arguments are {@code key=value} pairs: {@code pidFile},
 * {@code port}, {@code startCommand} (a shell command line), {@code daemonizeForMe} ({@code true} or not),
 * {@code statusFile} and {@code quitFile}. It starts the daemon, or adopts it if it runs, and after every state
 * change writes {@code <state> <pid or -> <restarts begun here>} to the status file (atomically), until the quit
 * file appears; then it exits without stopping the daemon, as an app instance that is killed would.
 */
public final class SupervisingClient {

    private SupervisingClient() {
    }

    public static void main(String[] args) {
        Map<String, String> options = ChildJvm.options(args);
        Path statusFile = Path.of(options.get("statusFile"));
        DaemonController controller = DaemonController.builder("test daemon")
                .startCommand(options.get("startCommand"))
                .daemonizeForMe(Boolean.parseBoolean(options.get("daemonizeForMe")))
                .ping(Ping.tcp("127.0.0.1", Integer.parseInt(options.get("port"))))
                .pidFile(Path.of(options.get("pidFile")))
                .startTimeout(Duration.ofSeconds(20))
                .startAbortTimeout(Duration.ofSeconds(1))
                .restartPolicy(RestartPolicy.ON_FAILURE)
                .restartDelay(Duration.ofMillis(50))
                .maxRestartDelay(Duration.ofSeconds(1))
                .build();
        AtomicInteger restartsBegun = new AtomicInteger();
        controller.addListener(change -> {
            if (change.from() == DaemonState.BACKOFF && change.to() == DaemonState.STARTING) {
                restartsBegun.incrementAndGet();
            }
            System.out.println(change);
            DaemonStatus status = controller.status();
            write(statusFile, status.state() + " " + (status.pid().isPresent() ? status.pid().getAsLong() : "-")
                    + " " + restartsBegun.get());
        });
        try {
            try {
                controller.start();
            } catch (AlreadyStartedException ex) {
                System.out.println("already started");
            }
            Path quit = Path.of(options.get("quitFile"));
            Await.until("the quit file " + quit, Duration.ofMinutes(2), () -> Files.exists(quit));
        } catch (Throwable ex) {
            ex.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void write(Path file, String text) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, text);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
