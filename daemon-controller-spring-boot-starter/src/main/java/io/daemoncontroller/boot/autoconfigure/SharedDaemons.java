package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.DaemonStateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The daemons under {@code daemon-controller.daemons} shared by every application context that has this object as
 * its singleton {@value #BEAN_NAME}, registered before the context is refreshed. The test module
 * ({@code daemon-controller-test}) registers one, the JVM's, in every Spring test context, so that the many
 * contexts of a test suite (Spring's test context cache keeps one per configuration) share their daemons.
 * <p>
 * Such contexts build one {@link DaemonController} per identical definition: the same name, and the same
 * properties bound into it (under {@code defaults} and its own, with placeholders resolved) with the same values. A
 * context that defines a daemon differently from a context before it, or another daemon with the same PID file,
 * fails to start with an {@link InvalidDaemonPropertyException} naming the property that differs; it never shares
 * silently. Each context still has its own {@code ManagedDaemon}, events and observations around the shared
 * controller, so a daemon started by one context is found running by the next (start skipped).
 * <p>
 * A context that closes stops none of these daemons and does not end their supervision. When the JVM shuts down,
 * after the contexts closed (through {@link SpringApplicationShutdownHandlers}), each daemon that one of them started
 * and whose lifecycle stops it at shutdown ({@code start-and-stop}) is stopped, the last started first, and the
 * supervision of every shared daemon ends. A daemon found running when the first context started (one someone else
 * runs) is not stopped, as in an application. A JVM that dies without running its shutdown hooks stops nothing:
 * whoever registers this object may guard against that, hearing of each daemon a context started.
 *
 * @since 0.2.0
 */
public final class SharedDaemons {

    /** The name under which a context holds it. */
    public static final String BEAN_NAME = "daemonControllerSharedDaemons";

    private static final Logger logger = LoggerFactory.getLogger(SharedDaemons.class);

    private final SpringApplicationShutdownHandlers jvmShutdown;
    private final Consumer<DaemonController> started;
    private final Map<String, Shared> byName = new LinkedHashMap<>();
    private final Set<Shared> startedHere = new LinkedHashSet<>();
    private boolean stopsAtJvmShutdown;

    /** Daemons shared until the JVM shuts down. */
    public SharedDaemons() {
        this(controller -> { });
    }

    /**
     * Daemons shared until the JVM shuts down; {@code started} hears each daemon that a context started, once it
     * answers, on a thread of the daemon's controller.
     */
    public SharedDaemons(Consumer<DaemonController> started) {
        this(SpringApplication.getShutdownHandlers(), started);
    }

    SharedDaemons(SpringApplicationShutdownHandlers jvmShutdown, Consumer<DaemonController> started) {
        this.jvmShutdown = jvmShutdown;
        this.started = started;
    }

    /** The shared daemons {@code context} holds as {@value #BEAN_NAME}, if it holds any. */
    public static Optional<SharedDaemons> in(ConfigurableApplicationContext context) {
        return context.getBeanFactory().getSingleton(BEAN_NAME) instanceof SharedDaemons shared
                ? Optional.of(shared) : Optional.empty();
    }

    /** Whether {@code controller} is one of these: no context stops it, or ends its supervision. */
    public synchronized boolean shares(DaemonController controller) {
        return byName.values().stream().anyMatch(shared -> shared.controller == controller);
    }

    /**
     * The controller of the daemon {@code definition} describes: the one built for an identical definition before,
     * else one {@code build} makes now.
     *
     * @throws InvalidDaemonPropertyException when an earlier definition of the same name, or with the same PID file,
     * differs
     */
    synchronized DaemonController controller(DaemonDefinition definition,
            Function<DaemonDefinition, DaemonController> build) {
        Shared earlier = byName.get(definition.name());
        if (earlier != null) {
            requireSame(earlier.definition, definition);
            return earlier.controller;
        }
        DaemonController controller = build.apply(definition);
        Path pidFile = controller.pidFile();
        for (Shared other : byName.values()) {
            if (other.controller.pidFile().equals(pidFile)) {
                controller.close();
                throw definition.asWritten("pid-file", pidFile).invalid("daemon '" + other.definition.name()
                        + "' of an earlier application context of this JVM has this PID file too, and the "
                        + "daemons of every context of the JVM are shared (daemon-controller-test)",
                        "a PID file of this daemon's own; or the name '" + other.definition.name() + "' with the "
                                + "same settings, to share that daemon");
            }
        }
        Shared shared = new Shared(definition, controller);
        controller.addListener(change -> track(shared, change));
        byName.put(definition.name(), shared);
        stopAtJvmShutdown();
        return controller;
    }

    private static void requireSame(DaemonDefinition earlier, DaemonDefinition definition) {
        Set<String> names = new LinkedHashSet<>(definition.values().keySet());
        names.addAll(earlier.values().keySet());
        for (String name : names) {
            String value = definition.values().get(name);
            String earlierValue = earlier.values().get(name);
            if (value == null || !value.equals(earlierValue)) {
                ConfiguredValue<Object> here = definition.property(name);
                ConfiguredValue<Object> there = earlier.property(name);
                String before = earlierValue == null ? "did not set it"
                        : "set it to \"" + earlierValue + "\"" + (there.origin() != null ? " (" + there.origin() + ")"
                                : "");
                throw new InvalidDaemonPropertyException(name, value == null ? "(not set)" : value, here.origin(),
                        "daemon '" + definition.name() + "' is shared by every application context of this JVM "
                                + "(daemon-controller-test), and the context that defined it first " + before
                                + ": one daemon cannot have two settings",
                        "what the context that defined it first has (" + (earlierValue == null ? "not set"
                                : "\"" + earlierValue + "\"") + "), so that every test context describes daemon '"
                                + definition.name() + "' alike; or give this context's daemon another name and "
                                + "pid-file",
                        null);
            }
        }
    }

    private void track(Shared shared, DaemonStateChange change) {
        if (change.cause() == DaemonStateChange.Cause.STARTED) {
            synchronized (this) {
                startedHere.remove(shared);
                startedHere.add(shared);
            }
            started.accept(shared.controller);
        } else if (change.cause() == DaemonStateChange.Cause.STOPPED
                || change.cause() == DaemonStateChange.Cause.STOPPED_ELSEWHERE) {
            synchronized (this) {
                startedHere.remove(shared);
            }
        }
    }

    private void stopAtJvmShutdown() {
        if (!stopsAtJvmShutdown) {
            jvmShutdown.add(this::stopAtJvmShutdownNow);
            stopsAtJvmShutdown = true;
        }
    }

    /** Stops the daemons started here whose lifecycle says so, the last started first; ends all supervision. */
    void stopAtJvmShutdownNow() {
        List<Shared> due;
        List<Shared> all;
        synchronized (this) {
            due = new ArrayList<>(startedHere);
            all = new ArrayList<>(byName.values());
        }
        for (int i = due.size() - 1; i >= 0; i--) {
            Shared shared = due.get(i);
            if (shared.definition.lifecycle().shouldStopAtShutdown()) {
                try {
                    shared.controller.stop();
                } catch (RuntimeException ex) {
                    logger.warn("Daemon '{}' failed to stop", shared.definition.name(), ex);
                }
            }
        }
        all.forEach(shared -> shared.controller.close());
    }

    private record Shared(DaemonDefinition definition, DaemonController controller) {
    }
}
