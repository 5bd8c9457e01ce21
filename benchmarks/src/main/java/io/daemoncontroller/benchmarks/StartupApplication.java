package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;
import one.profiler.AsyncProfiler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web application {@link StartupBenchmark} starts in a JVM of its own, with the starter on its classpath or
 * without: prints the milliseconds from {@code SpringApplication.run} to {@link ApplicationReadyEvent}, and the CPU
 * time the JVM and its main thread had used by then, then closes. Refers to no class of the starter. When the
 * benchmark started the JVM with async-profiler as an agent ({@code startup.profile} names the file), stops it
 * once ready and writes its samples there, collapsed.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StartupApplication {

    public static void main(String[] args) {
        long[] ready = new long[3];
        long started = System.nanoTime();
        SpringApplication application = new SpringApplication(StartupApplication.class);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> {
            ready[0] = System.nanoTime();
            ready[1] = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
            ready[2] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            String profile = System.getProperty("startup.profile");
            if (profile != null) {
                Profiler.stopAndWrite(profile);
            }
        });
        ConfigurableApplicationContext context = application.run(args);
        System.out.println("ready-ms " + (ready[0] - started) / 1_000_000.0 + " cpu-ms " + ready[1] / 1_000_000.0
                + " main-cpu-ms " + ready[2] / 1_000_000.0);
        context.close();
    }

    /** The agent the JVM was started with, loaded on first use only, when the benchmark profiles. */
    private static final class Profiler {

        static void stopAndWrite(String file) {
            try {
                AsyncProfiler.getInstance(System.getProperty("startup.profiler")).execute("stop,collapsed,file="
                        + file);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
