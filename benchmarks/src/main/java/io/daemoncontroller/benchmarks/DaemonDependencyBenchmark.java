package io.daemoncontroller.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.boot.DaemonDependency;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.FreePorts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * What {@code @DaemonDependency} costs per call while its daemon is up: the same trivial method on a bean advised
 * by it, and on a plain bean (the difference is the overhead). The daemon runs, started by the starter at startup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DaemonDependencyBenchmark {

    private ConfigurableApplicationContext context;
    private SearchClient advised;
    private PlainClient plain;

    @Setup(Level.Trial)
    public void startApplication() throws IOException {
        Path dir = Files.createTempDirectory("daemon-controller-benchmark");
        int port = FreePorts.next();
        context = new SpringApplicationBuilder(BenchmarkApplication.class)
                .web(WebApplicationType.NONE)
                .properties("daemon-controller.daemons.search.start-command="
                                + TestDaemonCommand.testDaemon().port(port).pidFile(dir.resolve("search.pid")).shellCommand(),
                        "daemon-controller.daemons.search.ping=tcp://127.0.0.1:" + port,
                        "daemon-controller.daemons.search.pid-file=" + dir.resolve("search.pid"),
                        "daemon-controller.daemons.search.lifecycle=start-and-stop")
                .run();
        advised = context.getBean(SearchClient.class);
        plain = context.getBean(PlainClient.class);
    }

    @TearDown(Level.Trial)
    public void stopApplication() {
        context.close();
    }

    @Benchmark
    public int advisedCall() {
        return advised.hits(42);
    }

    @Benchmark
    public int plainCall() {
        return plain.hits(42);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class BenchmarkApplication {

        @Bean
        SearchClient searchClient() {
            return new SearchClient();
        }

        @Bean
        PlainClient plainClient() {
            return new PlainClient();
        }
    }

    /** A client of the daemon {@code search}. */
    @DaemonDependency("search")
    public static class SearchClient {

        public int hits(int query) {
            return query * 31 + 7;
        }
    }

    /** The same client without the annotation. */
    public static class PlainClient {

        public int hits(int query) {
            return query * 31 + 7;
        }
    }
}
