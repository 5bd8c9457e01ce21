package io.daemoncontroller.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.daemoncontroller.DaemonController;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DaemonScope#JVM JVM-scoped} daemons of this JVM, by PID file: each started once, by the first test
 * class that declares it, and stopped when the JVM shuts down, the last started first. Static state, as the one
 * thing test classes of a JVM share is the JVM; one instance per class loader, which for tests is one per JVM.
 */
final class JvmDaemons {

    private static final JvmDaemons INSTANCE = new JvmDaemons();

    private static final Logger logger = LoggerFactory.getLogger(JvmDaemons.class);

    private final Map<Path, Shared> byPidFile = new LinkedHashMap<>();
    private boolean stopsAtShutdown;

    static JvmDaemons instance() {
        return INSTANCE;
    }

    /**
     * Makes the daemon of {@code controller}, declared by {@code declaredBy}, run for the rest of the JVM: starts
     * it unless a test class did already, in which case {@code controller} must describe the same daemon and
     * takes the running one as its own.
     *
     * @return what to do after the declaring test class: nothing, or stop supervising through {@code controller}
     * @throws ExtensionConfigurationException when an earlier class declared another daemon with the same PID file
     */
    synchronized Runnable begin(DaemonController controller, String declaredBy) {
        Path pidFile = controller.pidFile().toAbsolutePath().normalize();
        Shared shared = byPidFile.get(pidFile);
        if (shared == null) {
            ClassDaemons.startOrAdopt(controller);
            byPidFile.put(pidFile, new Shared(controller, declaredBy));
            stopAtShutdown();
            return () -> { };
        }
        if (shared.controller == controller) {
            return () -> { };
        }
        List<String> differences = differences(shared.controller, controller);
        if (!differences.isEmpty()) {
            throw new ExtensionConfigurationException("@Daemon(scope = JVM) " + declaredBy + " and "
                    + shared.declaredBy + " have the PID file " + pidFile + " but describe different daemons ("
                    + String.join("; ", differences) + "). Declare the same daemon in both (a constant both refer "
                    + "to, say), or give each a PID file of its own");
        }
        ClassDaemons.startOrAdopt(controller);
        return controller::close;
    }

    /** What differs between the daemons of {@code first} and {@code second}, each fact as "name: a vs b". */
    private static List<String> differences(DaemonController first, DaemonController second) {
        List<String> differences = new ArrayList<>();
        compare("identifier", first.identifier(), second.identifier(), differences);
        compare("start command", first.startCommand(), second.startCommand(), differences);
        compare("ping", first.ping().toString(), second.ping().toString(), differences);
        compare("log file", first.logFile().orElse(null), second.logFile().orElse(null), differences);
        return differences;
    }

    private static void compare(String fact, Object first, Object second, List<String> differences) {
        if (!Objects.equals(first, second)) {
            differences.add(fact + ": " + first + " vs " + second);
        }
    }

    private void stopAtShutdown() {
        if (!stopsAtShutdown) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "daemon-controller-test-shutdown"));
            stopsAtShutdown = true;
        }
    }

    private void stopAll() {
        List<Shared> all;
        synchronized (this) {
            all = new ArrayList<>(byPidFile.values());
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Shared shared = all.get(i);
            try {
                shared.controller.stop();
            } catch (RuntimeException ex) {
                logger.warn("{} (@Daemon(scope = JVM) {}) failed to stop", shared.controller.identifier(),
                        shared.declaredBy, ex);
            } finally {
                shared.controller.close();
            }
        }
    }

    private record Shared(DaemonController controller, String declaredBy) {
    }
}
