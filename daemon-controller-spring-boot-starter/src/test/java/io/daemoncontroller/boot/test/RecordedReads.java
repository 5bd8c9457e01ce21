package io.daemoncontroller.boot.test;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.env.MapPropertySource;

/** Properties that remember which of them were read, and by which threads. */
public class RecordedReads extends MapPropertySource {

    private final Map<String, Set<String>> readers = new ConcurrentHashMap<>();

    public RecordedReads(Map<String, Object> properties) {
        super("application", properties);
    }

    @Override
    public Object getProperty(String name) {
        readers.computeIfAbsent(name, key -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
        return super.getProperty(name);
    }

    /** The names of the properties read so far. */
    public Set<String> keys() {
        return readers.keySet();
    }

    /** The names of the threads that read {@code name} so far. */
    public Set<String> readersOf(String name) {
        return readers.getOrDefault(name, Set.of());
    }
}
