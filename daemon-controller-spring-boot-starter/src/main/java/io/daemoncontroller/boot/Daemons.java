package io.daemoncontroller.boot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every daemon this application knows, by name: those configured under {@code daemon-controller.daemons} and the
 * {@link io.daemoncontroller.DaemonController} beans the application declares. A bean named
 * {@code <name>DaemonController} is the daemon {@code <name>}.
 *
 * @since 0.1.0
 */
public final class Daemons {

    private final Map<String, ManagedDaemon> byName = new LinkedHashMap<>();

    /**
     * A registry of {@code daemons}, in the given order.
     *
     * @throws IllegalArgumentException when two daemons have one name, or a daemon depends on one not among them
     */
    public Daemons(Collection<ManagedDaemon> daemons) {
        for (ManagedDaemon daemon : daemons) {
            if (byName.putIfAbsent(daemon.name(), daemon) != null) {
                throw new IllegalArgumentException("Two daemons are named '" + daemon.name() + "'; give each its own"
                        + " name under daemon-controller.daemons, and each DaemonController bean its own bean name");
            }
        }
        for (ManagedDaemon daemon : daemons) {
            for (ManagedDaemon dependency : daemon.dependencies()) {
                if (byName.get(dependency.name()) != dependency) {
                    throw new IllegalArgumentException("Daemon '" + daemon.name() + "' depends on '"
                            + dependency.name() + "', which is not among the daemons " + byName.keySet());
                }
            }
        }
    }

    /**
     * The daemon named {@code name}.
     *
     * @throws IllegalArgumentException naming the known daemons, when there is none by that name
     */
    public ManagedDaemon get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("No daemon is named '" + name
                + "'; the daemons are " + byName.keySet() + " (daemon-controller.daemons.<name>)"));
    }

    /** The daemon named {@code name}, if there is one. */
    public Optional<ManagedDaemon> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every daemon, in configuration order. */
    public List<ManagedDaemon> all() {
        return List.copyOf(byName.values());
    }

    /**
     * The daemons tagged {@code tag}, in configuration order; empty when none is. The endpoint's {@code @tag}
     * selector and the {@code daemons-<tag>} health group select these same daemons.
     */
    public List<ManagedDaemon> withTag(String tag) {
        List<ManagedDaemon> tagged = new ArrayList<>();
        for (ManagedDaemon daemon : byName.values()) {
            if (daemon.tags().contains(tag)) {
                tagged.add(daemon);
            }
        }
        return List.copyOf(tagged);
    }
}
