package io.daemoncontroller.benchmarks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web application {@link StartupBenchmark} starts in a JVM of its own, with the starter on its classpath or
 * without: prints the milliseconds from {@code SpringApplication.run} to {@link ApplicationReadyEvent}, then closes.
 * Refers to no class of the starter.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class StartupApplication {

    public static void main(String[] args) {
        long[] ready = new long[1];
        long started = System.nanoTime();
        SpringApplication application = new SpringApplication(StartupApplication.class);
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) event -> ready[0] = System.nanoTime());
        ConfigurableApplicationContext context = application.run(args);
        System.out.println("ready-ms " + (ready[0] - started) / 1_000_000.0);
        context.close();
    }
}
