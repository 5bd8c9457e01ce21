package io.daemoncontroller.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.DaemonStateChange;
import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.ChildJvm;
import io.daemoncontroller.testsupport.TestProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension, on real redis-servers, through test classes launched with the JUnit Platform: in this JVM, and in
 * a child JVM that exits.
 */
class DaemonExtensionTests {

    @TempDir
    Path dir;

    private final int port = FreePorts.next();

    @AfterEach
    void stopWhatTheLaunchedClassesLeftRunning() {
        DaemonController redis = TestRedis.controller("redis", dir, port);
        redis.stop();
        redis.close();
    }

    @Test
    void aClassScopedDaemonRunsThroughTheClassAndIsStoppedAfterIt() {
        TestExecutionSummary summary = TestClasses.run(redisProperties(), ClassScoped.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        List<Seen> seen = Seen.in(dir);
        assertThat(seen).hasSize(2).allSatisfy(test -> assertThat(test.state()).isEqualTo("RUNNING"));
        assertThat(seen.get(1).pid()).isEqualTo(seen.get(0).pid());
        assertThat(TestProcesses.isAlive(seen.get(0).pid())).isFalse();
        assertThat(dir.resolve("redis.pid")).doesNotExist();
    }

    @Test
    void aJvmScopedDaemonIsStartedOnceForEveryClassOfTheJvmAndOutlivesThem() {
        TestExecutionSummary summary = TestClasses.run(redisProperties(), FirstJvmScoped.class,
                SecondJvmScoped.class);

        assertThat(summary.getFailures()).isEmpty();
        List<Seen> seen = Seen.in(dir);
        assertThat(seen).hasSize(2).allSatisfy(test -> assertThat(test.state()).isEqualTo("RUNNING"));
        assertThat(seen.get(1).pid()).isEqualTo(seen.get(0).pid());
        assertThat(TestProcesses.isAlive(seen.get(0).pid())).isTrue();
    }

    @Test
    void aJvmScopedDaemonIsStoppedWhenTheJvmExits() throws Exception {
        Process child = ChildJvm.start(dir.resolve("child.out"), TestClasses.class,
                "class=" + FirstJvmScoped.class.getName(), "class=" + SecondJvmScoped.class.getName(),
                TestRedis.DIR + "=" + dir, TestRedis.PORT + "=" + port);

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.out"))).isZero();
        List<Seen> seen = Seen.in(dir);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).pid()).isEqualTo(seen.get(0).pid());
        assertThat(TestProcesses.isAlive(seen.get(0).pid())).isFalse();
    }

    @Test
    void aJvmScopedDaemonIsStoppedWhenTheJvmIsKilled() throws Exception {
        Path held = dir.resolve("held");
        Process child = ChildJvm.start(dir.resolve("child.out"), TestClasses.class,
                "class=" + FirstJvmScoped.class.getName(), "class=" + SecondJvmScoped.class.getName(),
                TestRedis.DIR + "=" + dir, TestRedis.PORT + "=" + port, "hold=" + held);
        try {
            Await.until("the child JVM to run the classes", Duration.ofSeconds(60), () -> Files.exists(held));
        } finally {
            child.destroyForcibly();
        }
        assertThat(Files.readString(held)).isEqualTo("ran 2 tests");
        long pid = Seen.in(dir).get(0).pid();

        assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child JVM is killed").isTrue();
        Await.until("redis (pid " + pid + ") to be stopped by the guard", Duration.ofSeconds(10),
                () -> !TestProcesses.isAlive(pid));
    }

    @Test
    void aDaemonRestartedAfterADeathIsStoppedWhenTheJvmIsKilled() throws Exception {
        Path held = dir.resolve("held");
        Process child = ChildJvm.start(dir.resolve("child.out"), TestClasses.class,
                "class=" + RestartedJvmScoped.class.getName(), TestRedis.DIR + "=" + dir,
                TestRedis.PORT + "=" + port, "hold=" + held);
        try {
            Await.until("the child JVM to run the class", Duration.ofSeconds(60), () -> Files.exists(held));
            long first = Seen.in(dir).get(0).pid();
            TestProcesses.signal("KILL", first);
            long restarted = Await.value("the child JVM to see redis restarted (and guarded)",
                    Duration.ofSeconds(20), () -> Seen.in(dir).stream().skip(1).map(Seen::pid)
                            .filter(pid -> pid != first).findFirst());
            child.destroyForcibly();

            assertThat(child.waitFor(10, TimeUnit.SECONDS)).as("the child JVM is killed").isTrue();
            Await.until("the restarted redis (pid " + restarted + ") to be stopped by the guard",
                    Duration.ofSeconds(10), () -> !TestProcesses.isAlive(restarted));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aBuilderFieldIsBuiltStartedForTheClassAndStoppedAfterIt() {
        TestExecutionSummary summary = TestClasses.run(redisProperties(), BuilderField.class);

        assertThat(summary.getFailures()).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        List<Seen> seen = Seen.in(dir);
        assertThat(seen).singleElement().satisfies(test -> assertThat(test.state()).isEqualTo("RUNNING"));
        assertThat(TestProcesses.isAlive(seen.get(0).pid())).isFalse();
        assertThat(dir.resolve("redis.pid")).doesNotExist();
    }

    @Test
    void aLaterClassThatDescribesAnotherDaemonWithTheSamePidFileFailsNamingBoth() {
        TestExecutionSummary summary = TestClasses.run(redisProperties(), FirstJvmScoped.class,
                OtherDaemonSamePidFile.class);

        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(failure.getException())
                .hasMessageContaining("OtherDaemonSamePidFile.redis and " + FirstJvmScoped.class.getName()
                        + ".redis have the PID file " + dir.resolve("redis.pid"))
                .hasMessageContaining("describe different daemons (identifier: redis vs other redis)"));
    }

    @Test
    void aNullDaemonFieldFailsTheClassNamingTheField() {
        TestExecutionSummary summary = TestClasses.run(redisProperties(), NullField.class);

        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(failure.getException())
                .hasMessage("@Daemon field " + NullField.class.getName() + ".redis is null; assign it a "
                        + "DaemonController, built with DaemonController.builder(...), where it is declared"));
    }

    @Test
    void anInstanceFieldOfAClassWithAnInstancePerTestFailsSayingHowToDeclareIt() {
        TestExecutionSummary summary = TestClasses.run(redisProperties(), InstancePerTest.class);

        assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(failure.getException())
                .hasMessageContaining("is an instance field, and each test gets its own instance; make it static"));
    }

    private Map<String, String> redisProperties() {
        return Map.of(TestRedis.DIR, dir.toString(), TestRedis.PORT, Integer.toString(port));
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class ClassScoped {

        @Daemon
        final DaemonController redis = TestRedis.fromSystemProperties("redis");

        @Test
        void one() {
            Seen.record(redis);
        }

        @Test
        void two() {
            Seen.record(redis);
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class FirstJvmScoped {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController redis = TestRedis.fromSystemProperties("redis");

        @Test
        void runs() {
            Seen.record(redis);
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class SecondJvmScoped {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController redis = TestRedis.fromSystemProperties("redis");

        @Test
        void runs() {
            Seen.record(redis);
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class RestartedJvmScoped {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController redis = TestRedis.fromSystemProperties("redis", RestartPolicy.ALWAYS);

        /**
         * Records each restart from a listener added after the extension's, which guards the new pid: listeners
         * are told in the order they were added, so a recorded restart is a guarded one.
         */
        @Test
        void runs() {
            Seen.record(redis);
            Path dir = Path.of(System.getProperty(TestRedis.DIR));
            redis.addListener(change -> {
                if (change.cause() == DaemonStateChange.Cause.STARTED) {
                    Seen.record(redis, dir);
                }
            });
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class OtherDaemonSamePidFile {

        @Daemon(scope = DaemonScope.JVM)
        final DaemonController redis = TestRedis.fromSystemProperties("other redis");

        @Test
        void runs() {
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    static class BuilderField {

        @Daemon
        static DaemonController.Builder redis = TestRedis.builder("redis", Path.of(System.getProperty(TestRedis.DIR)),
                Integer.getInteger(TestRedis.PORT));

        @Test
        void runs() {
            try (DaemonController observer = redis.build()) {
                Seen.record(observer);
            }
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    static class NullField {

        @Daemon
        static DaemonController redis;

        @Test
        void runs() {
        }
    }

    @EnabledIfSystemProperty(named = TestClasses.LAUNCHED, matches = "true")
    @WithDaemons
    static class InstancePerTest {

        @Daemon
        final DaemonController redis = TestRedis.fromSystemProperties("redis");

        @Test
        void runs() {
        }
    }
}
