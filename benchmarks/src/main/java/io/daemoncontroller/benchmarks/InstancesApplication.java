package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.daemoncontroller.boot.DaemonOperationEvent;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application {@link InstancesBenchmark} runs in a JVM of its own, with the daemons its arguments describe
 * (no web server): prints, as {@code <figure> <value>} lines, the milliseconds to {@link ApplicationReadyEvent} and
 * the longest start among the daemons (which all start at once, when the application is prepared), the
 * JVM's live threads, and its heap after a GC and its resident set, both right after that event and once the
 * threads that linger after a burst of work (see {@code IDLE_THREAD_LIFETIME} in the core) are gone; then how long
 * closing the context (which stops the daemons) takes.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class InstancesApplication {

    /** Longer than the idle lifetime of the threads that deliver state changes and run restarts (10 s). */
    private static final Duration SETTLE = Duration.ofSeconds(12);

    public static void main(String[] args) throws IOException {
        long[] ready = new long[1];
        long started = System.nanoTime();
        SpringApplication application = new SpringApplication(InstancesApplication.class);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> ready[0] = System.nanoTime());
        List<Duration> starts = new CopyOnWriteArrayList<>();
        application.addListeners((ApplicationListener<DaemonOperationEvent>) event -> {
            if (event.operation() == DaemonOperationEvent.Operation.START
                    && event.outcome() == DaemonOperationEvent.Outcome.SUCCESS) {
                starts.add(event.duration());
            }
        });
        ConfigurableApplicationContext context = application.run(args);
        System.out.println("ready-ms " + (ready[0] - started) / 1_000_000.0);
        System.out.println("slowest-start-ms " + starts.stream().max(Duration::compareTo).orElseThrow().toMillis());
        report("ready");
        LockSupport.parkNanos(SETTLE.toNanos());
        report("settled");
        long closing = System.nanoTime();
        context.close();
        System.out.println("close-ms " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
    }

    private static void report(String when) throws IOException {
        System.gc();
        System.out.println(when + "-threads " + ManagementFactory.getThreadMXBean().getThreadCount());
        System.out.println(when + "-controller-threads " + Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("daemon-controller-")).count());
        System.out.println(when + "-reaper-threads " + Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("process reaper")).count());
        if (Boolean.getBoolean("instances.threadNames")) {
            Thread.getAllStackTraces().keySet().forEach(thread -> System.out.println(when + " thread "
                    + thread.getName()));
        }
        System.out.println(when + "-heap-mb " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                / (1024.0 * 1024));
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).findFirst().orElseThrow();
        System.out.println(when + "-rss-mb " + Long.parseLong(rss.replaceAll("\\D", "")) / 1024.0);
    }
}
