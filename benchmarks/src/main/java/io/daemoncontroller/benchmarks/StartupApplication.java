package io.daemoncontroller.benchmarks;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web application {@link StartupBenchmark} starts in a JVM of its own, with the starter on its classpath or
 * without: prints the milliseconds from {@code SpringApplication.run} to {@link ApplicationReadyEvent}, and the CPU
 * time the JVM and its main thread had used by then, then closes. Refers to no class of the starter.
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
        });
        ConfigurableApplicationContext context = application.run(args);
        System.out.println("ready-ms " + (ready[0] - started) / 1_000_000.0 + " cpu-ms " + ready[1] / 1_000_000.0
                + " main-cpu-ms " + ready[2] / 1_000_000.0);
        context.close();
    }
}
