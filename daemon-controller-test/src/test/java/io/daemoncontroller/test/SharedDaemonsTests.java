package io.daemoncontroller.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.autoconfigure.InvalidDaemonPropertyException;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.ChildJvm;
import io.daemoncontroller.testsupport.RedisServer;
import io.daemoncontroller.testsupport.TestProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Daemons under {@code daemon-controller.daemons} shared by the {@code @SpringBootTest} contexts of a JVM, on a real
 * redis-server: test classes with different configurations (so, different contexts) launched in a child JVM that
 * then exits, and in this JVM for a conflict.
 */
class SharedDaemonsTests {

    @TempDir
    Path dir;

    private final int port = FreePorts.next();

    @Test
    void contextsOfDifferentConfigurationsShareOneDaemonStartedOnceAndStoppedWhenTheJvmExits() throws Exception {
        Process child = ChildJvm.start(dir.resolve("child.out"), TestClasses.class, childArguments());

        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.out"))).isZero();
        List<String> seen = Files.readAllLines(dir.resolve("seen-contexts"));
        assertThat(seen).hasSize(2);
        String[] first = seen.get(0).split(" ");
        String[] second = seen.get(1).split(" ");
        assertThat(second[0]).as("the context").isNotEqualTo(first[0]);
        assertThat(second[1]).as("the controller").isEqualTo(first[1]);
        assertThat(second[2]).as("the pid").isEqualTo(first[2]);
        assertThat(first[3]).as("started by the first context").isEqualTo("true");
        assertThat(second[3]).as("started by the second context").isEqualTo("false");
        assertThat(Files.readAllLines(RedisServer.in(dir, port).logFile())).filteredOn(line -> line.contains("Ready to accept"))
                .as("redis starts").hasSize(1);
        assertThat(TestProcesses.isAlive(Long.parseLong(first[2]))).as("redis runs after the JVM exited").isFalse();
    }

    @Test
    void aSharedDaemonIsStoppedWhenTheJvmIsKilled() throws Exception {
        Path held = dir.resolve("held");
        List<String> args = new ArrayList<>(List.of(childArguments()));
        args.add("hold=" + held);
        Process child = ChildJvm.start(dir.resolve("child.out"), TestClasses.class, args.toArray(String[]::new));
        try {
            Await.until("the child JVM to run the classes", Duration.ofSeconds(120), () -> Files.exists(held));
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(held)).as(Files.readString(dir.resolve("child.out"))).isEqualTo("ran 2 tests");
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("seen-contexts")).get(0).split(" ")[2]);

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child JVM is killed").isTrue();
        Await.until("redis (pid " + pid + ") to be stopped by the guard", Duration.ofSeconds(10),
                () -> !TestProcesses.isAlive(pid));
    }

    /** A child JVM's arguments: the two context classes, and a redis-server described in properties. */
    private String[] childArguments() {
        RedisServer redis = RedisServer.in(dir, port);
        Path pidFile = dir.resolve("redis.pid");
        List<String> args = new ArrayList<>(List.of("class=" + FirstContext.class.getName(),
                "class=" + SecondContext.class.getName(), TestRedis.DIR + "=" + dir));
        Map.of("start-command", redis.daemonizingCommand(pidFile), "pid-file", pidFile.toString(),
                "log-file", redis.logFile().toString(), "ping", "tcp://127.0.0.1:" + port,
                "lifecycle", "start-and-stop")
                .forEach((key, value) -> args.add("daemon-controller.daemons.redis." + key + "=" + value));
        return args.toArray(String[]::new);
    }

    @Test
    void aContextThatDefinesASharedDaemonDifferentlyFailsNamingThePropertyAndBothValues() {
        TestExecutionSummary summary = TestClasses.run(Map.of(), DefinesIt.class, DefinesItDifferently.class);

        assertThat(summary.getFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.getTestIdentifier().getDisplayName()).isEqualTo("runs()");
            Throwable cause = failure.getException();
            while (cause != null && !(cause instanceof InvalidDaemonPropertyException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isInstanceOfSatisfying(InvalidDaemonPropertyException.class, invalid -> {
                assertThat(invalid.property()).isEqualTo("daemon-controller.daemons.conflicting.start-timeout");
                assertThat(invalid.value()).isEqualTo("7s");
                assertThat(invalid.problem()).contains("daemon 'conflicting' is shared by every application context"
                        + " of this JVM (daemon-controller-test), and the context that defined it first did not set it");
                assertThat(invalid.accepted()).startsWith("what the context that defined it first has (not set)");
            });
        });
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {
    }

    /** Records, for the launching test, what this context sees: itself, the controller, the pid, who started it. */
    abstract static class RecordsTheDaemon {

        @Autowired
        ApplicationContext context;

        @Autowired
        Daemons daemons;

        @Test
        void runs() {
            ManagedDaemon redis = daemons.get("redis");
            DaemonController controller = redis.controller();
            String line = System.identityHashCode(context) + " " + System.identityHashCode(controller) + " "
                    + controller.pid().orElse(-1) + " " + redis.isStartedByThisApplication() + "\n";
            try {
                Files.writeString(Path.of(System.getProperty(TestRedis.DIR)).resolve("seen-contexts"), line,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** Closed after its tests: a context that closes stops no shared daemon. */
    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @SpringBootTest(classes = TestApplication.class, properties = "which=first")
    @DirtiesContext
    static class FirstContext extends RecordsTheDaemon {
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @SpringBootTest(classes = TestApplication.class, properties = "which=second")
    static class SecondContext extends RecordsTheDaemon {
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @SpringBootTest(classes = TestApplication.class, properties = {
            "daemon-controller.daemons.conflicting.start-command=true",
            "daemon-controller.daemons.conflicting.ping=tcp://127.0.0.1:1",
            "daemon-controller.daemons.conflicting.pid-file=target/conflicting.pid" })
    static class DefinesIt {

        @Test
        void runs() {
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @SpringBootTest(classes = TestApplication.class, properties = {
            "daemon-controller.daemons.conflicting.start-command=true",
            "daemon-controller.daemons.conflicting.ping=tcp://127.0.0.1:1",
            "daemon-controller.daemons.conflicting.pid-file=target/conflicting.pid",
            "daemon-controller.daemons.conflicting.start-timeout=7s" })
    static class DefinesItDifferently {

        @Test
        void runs() {
        }
    }
}
