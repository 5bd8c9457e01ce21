package io.daemoncontroller.boot.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The daemons' {@code depends-on}, checked: every name is a daemon's, and no daemon depends on itself, directly or
 * through others. Gives the daemons in an order where each comes after those it depends on.
 */
final class DaemonDependencyGraph {

    private final Map<String, DaemonDefinition> definitions;

    /** {@code definitions} by daemon name, in configuration order. */
    DaemonDependencyGraph(Map<String, DaemonDefinition> definitions) {
        this.definitions = definitions;
    }

    /**
     * The daemons' names, each after the names of those it depends on; otherwise in configuration order.
     *
     * @throws InvalidDaemonPropertyException naming the {@code depends-on} entry that names no daemon, or that
     * closes a cycle, with the cycle, such as {@code a -> b -> c -> a}
     */
    List<String> dependenciesFirst() {
        List<String> order = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        for (String name : definitions.keySet()) {
            visit(name, new ArrayList<>(), visited, order);
        }
        return order;
    }

    private void visit(String name, List<String> path, Set<String> visited, List<String> order) {
        if (!visited.add(name)) {
            return;
        }
        path.add(name);
        for (ConfiguredValue<String> dependency : definitions.get(name).dependsOn()) {
            if (!definitions.containsKey(dependency.value())) {
                throw dependency.invalid("no daemon is named " + dependency.value(), "the name of another daemon: "
                        + String.join(", ", definitions.keySet().stream().filter(other -> !other.equals(name))
                                .toList()));
            }
            int cycleStart = path.indexOf(dependency.value());
            if (cycleStart >= 0) {
                List<String> cycle = new ArrayList<>(path.subList(cycleStart, path.size()));
                cycle.add(dependency.value());
                throw dependency.invalid("the daemons depend on each other in a cycle: " + String.join(" -> ", cycle),
                        "the name of a daemon that does not depend on " + name + ", directly or through others; "
                                + "remove one dependency of the cycle");
            }
            visit(dependency.value(), path, visited, order);
        }
        path.remove(path.size() - 1);
        order.add(name);
    }
}
