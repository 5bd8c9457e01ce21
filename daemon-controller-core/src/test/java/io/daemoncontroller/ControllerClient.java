package io.daemoncontroller;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.ChildJvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A process that uses a {@link DaemonController}, for tests of what happens between processes. Arguments are
 * {@code key=value} pairs: {@code action} ({@code connect} or {@code start}), {@code pidFile}, {@code port},
 * {@code startCommand} (a shell command line) and optionally {@code daemonizeForMe=true}, {@code goFile} (wait for
 * it to exist before acting), {@code readyFile} (created once ready to act), {@code beforeStartFile} (created in
 * beforeStart), {@code blockInBeforeStart=true} (then never return from it), {@code logMaxSize} and
 * {@code logMaxFiles} (both or neither). It prints the outcome,
 * {@code connected: <echo>}, {@code started} or {@code already started}, and exits with status 0; any other failure
 * is printed with exit status 1.
 */
public final class ControllerClient {

    private ControllerClient() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildJvm.options(args);
        int port = Integer.parseInt(options.get("port"));
        DaemonController.Builder builder = DaemonController.builder("test daemon")
                .startCommand(options.get("startCommand"))
                .ping(Ping.tcp("127.0.0.1", port))
                .pidFile(Path.of(options.get("pidFile")))
                .daemonizeForMe(Boolean.parseBoolean(options.get("daemonizeForMe")))
                .startTimeout(Duration.ofSeconds(20))
                .beforeStart(() -> beforeStart(options));
        if (options.containsKey("logMaxSize")) {
            builder.logMaxSize(Long.parseLong(options.get("logMaxSize")))
                    .logMaxFiles(Integer.parseInt(options.get("logMaxFiles")));
        }
        DaemonController controller = builder.build();
        try {
            if (options.containsKey("readyFile")) {
                Files.createFile(Path.of(options.get("readyFile")));
            }
            if (options.containsKey("goFile")) {
                Path go = Path.of(options.get("goFile"));
                Await.until("the go file " + go, Duration.ofSeconds(30), () -> Files.exists(go));
            }
            switch (options.get("action")) {
                case "connect" -> {
                    try (Socket socket = controller.connect(() -> new Socket("127.0.0.1", port))) {
                        System.out.println("connected: " + Sandbox.echo(socket, "hello"));
                    }
                }
                case "start" -> {
                    controller.start();
                    System.out.println("started");
                }
                default -> throw new IllegalArgumentException("unknown action " + options.get("action"));
            }
        } catch (AlreadyStartedException ex) {
            System.out.println("already started");
        } catch (Throwable ex) {
            ex.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void beforeStart(Map<String, String> options) {
        try {
            if (options.containsKey("beforeStartFile")) {
                Files.createFile(Path.of(options.get("beforeStartFile")));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        while (Boolean.parseBoolean(options.get("blockInBeforeStart"))) {
            LockSupport.park();
        }
    }
}
