package io.daemoncontroller.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.daemoncontroller.boot.DaemonOperationEvent;
import io.daemoncontroller.test.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.event.EventListener;

/**
 * The same figures as {@link TestModuleBenchmark} for a redis-server under {@code daemon-controller.daemons}, shared
 * by two {@code @SpringBootTest} classes of different configurations (so, two application contexts) through the test
 * module: the first class from its launch to its first {@code PONG} (the context's startup included), the later
 * class from its first {@code beforeAll} callback (the later context's startup included), and what each context's
 * start of the daemon took, from its {@link DaemonOperationEvent} (the later one finds the daemon running and skips
 * it). Once, in a warm JVM: Spring's test context cache keeps a context per configuration for the life of the JVM,
 * so a second run would reuse the first run's contexts.
 */
final class SharedContextsFigures {

    static final List<DaemonOperationEvent> starts = new CopyOnWriteArrayList<>();

    private SharedContextsFigures() {
    }

    static void measure(Path dir) throws Exception {
        int port = FreePorts.next();
        Path redisDir = Files.createDirectories(dir.resolve("shared-redis"));
        Path pidFile = redisDir.resolve("redis.pid");
        Map<String, String> daemon = Map.of(
                "start-command", "redis-server --port " + port + " --bind 127.0.0.1 --dir " + redisDir
                        + " --save '' --appendonly no --daemonize yes --pidfile " + pidFile,
                "pid-file", pidFile.toString(),
                "ping", "tcp://127.0.0.1:" + port,
                "lifecycle", "start-and-stop");
        daemon.forEach((key, value) -> System.setProperty("daemon-controller.daemons.redis." + key, value));
        TestModuleBenchmark.port = port;
        TestModuleBenchmark.firstClassStart = System.nanoTime();
        TestModuleBenchmark.launch(FirstContext.class);
        TestModuleBenchmark.launch(LaterContext.class);
        long first = TestModuleBenchmark.firstQueryEnd - TestModuleBenchmark.firstClassStart;
        long later = TestModuleBenchmark.laterQueryEnd - TestModuleBenchmark.laterClassStart;
        System.out.println("redis-server under daemon-controller.daemons, shared by two @SpringBootTest contexts"
                + " (one run, warm JVM):");
        System.out.printf("  first class, its launch to first PONG (its context's startup included): %.2f ms%n",
                first / 1e6);
        System.out.printf("  later class, its beforeAll to first PONG (the later context's startup included):"
                + " %.2f ms%n", later / 1e6);
        for (DaemonOperationEvent start : starts) {
            System.out.printf("  a context's start of the daemon, outcome %s: %.2f ms%n", start.outcome().tagValue(),
                    start.duration().toNanos() / 1e6);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @EventListener
        void onOperation(DaemonOperationEvent event) {
            if (event.operation() == DaemonOperationEvent.Operation.START) {
                starts.add(event);
            }
        }
    }

    @SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = "context=first")
    static class FirstContext {

        @Test
        void pings() {
            TestModuleBenchmark.redisPing(TestModuleBenchmark.port);
            TestModuleBenchmark.firstQueryEnd = System.nanoTime();
        }
    }

    @ExtendWith(TestModuleBenchmark.LaterClassClock.class)
    @SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = "context=later")
    static class LaterContext {

        @Test
        void pings() {
            TestModuleBenchmark.redisPing(TestModuleBenchmark.port);
            TestModuleBenchmark.laterQueryEnd = System.nanoTime();
        }
    }
}
