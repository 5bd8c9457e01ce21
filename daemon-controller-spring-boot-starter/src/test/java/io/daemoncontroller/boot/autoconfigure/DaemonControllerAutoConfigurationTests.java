package io.daemoncontroller.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.Ping;
import io.daemoncontroller.RestartPolicy;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.LifecycleManagement;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

class DaemonControllerAutoConfigurationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class));

    @Test
    void registersADaemonControllerBeanNamedAfterEachDaemon() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:9312"))
                .withPropertyValues(daemon("cache", "unix:" + directory.resolve("cache.sock")))
                .run(context -> {
                    assertThat(context).hasBean("searchDaemonController").hasBean("cacheDaemonController");
                    DaemonController search = context.getBean("searchDaemonController", DaemonController.class);
                    assertThat(search.identifier()).isEqualTo("search");
                    assertThat(search.ping()).hasToString("tcp://localhost:9312");
                    assertThat(context.getBean(Daemons.class).all()).extracting(ManagedDaemon::name)
                            .containsExactly("search", "cache");
                });
    }

    @Test
    void aListOfPingsMeansEveryOneMustAnswerAndOnePingMayHoldACommaOfItsOwn() {
        runner.withPropertyValues("daemon-controller.daemons.cache.start-command=redis-server",
                        "daemon-controller.daemons.cache.pid-file=" + directory.resolve("cache.pid"),
                        "daemon-controller.daemons.cache.ping[0]=tcp://localhost:6379",
                        "daemon-controller.daemons.cache.ping[1]=exec:redis-cli ping")
                .withPropertyValues(daemon("search", "exec:test -n a,b"))
                .run(context -> {
                    Ping cache = context.getBean("cacheDaemonController", DaemonController.class).ping();
                    assertThat(cache).hasToString("allOf(tcp://localhost:6379, exec:redis-cli ping)");
                    assertThat(context.getBean("searchDaemonController", DaemonController.class).ping())
                            .hasToString("exec:test -n a,b");
                });
    }

    @Test
    void resolvesRelativePathsAgainstTheWorkingDirectory() {
        runner.withPropertyValues("daemon-controller.daemons.search.start-command=searchd",
                "daemon-controller.daemons.search.ping=unix:tmp/search.sock",
                "daemon-controller.daemons.search.pid-file=tmp/pids/search.pid",
                "daemon-controller.daemons.search.log-file=log/search.log",
                "daemon-controller.daemons.search.working-directory=" + directory).run(context -> {
                    DaemonController search = context.getBean(DaemonController.class);
                    assertThat(search.pidFile()).isEqualTo(directory.resolve("tmp/pids/search.pid"));
                    assertThat(search.logFile()).contains(directory.resolve("log/search.log"));
                    assertThat(search.ping()).hasToString("unix:" + directory.resolve("tmp/search.sock"));
                });
    }

    @Test
    void resolvesRelativePathsAgainstTheApplicationDirectoryWithoutWorkingDirectory() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:9312"))
                .withPropertyValues("daemon-controller.daemons.search.pid-file=tmp/pids/search.pid")
                .run(context -> assertThat(context.getBean(DaemonController.class).pidFile())
                        .isEqualTo(Path.of("tmp/pids/search.pid").toAbsolutePath()));
    }

    @Test
    void appliesDefaultsToEveryDaemonThatDoesNotSetItsOwn() {
        runner.withPropertyValues("daemon-controller.defaults.lifecycle=start-only",
                "daemon-controller.defaults.tags=backend",
                "daemon-controller.defaults.ping=tcp://localhost:9312",
                "daemon-controller.defaults.daemonize-for-me=true",
                "daemon-controller.daemons.search.start-command=searchd",
                "daemon-controller.daemons.cache.start-command=cached",
                "daemon-controller.daemons.cache.ping=tcp://localhost:6379",
                "daemon-controller.daemons.cache.lifecycle=start-and-stop",
                "daemon-controller.daemons.cache.tags=cache,backend").run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.get("search").lifecycle()).isEqualTo(LifecycleManagement.START_ONLY);
                    assertThat(daemons.get("search").tags()).containsExactly("backend");
                    assertThat(daemons.get("search").controller().ping()).hasToString("tcp://localhost:9312");
                    assertThat(daemons.get("cache").lifecycle()).isEqualTo(LifecycleManagement.START_AND_STOP);
                    assertThat(daemons.get("cache").tags()).containsExactly("cache", "backend");
                    assertThat(daemons.get("cache").controller().ping()).hasToString("tcp://localhost:6379");
                });
    }

    @Test
    void makesDaemonsOnDemandAndOnlyOnDemandOnesNotRequiredByDefault() {
        runner.withPropertyValues(daemon("lazy", "tcp://localhost:1"))
                .withPropertyValues(daemon("eager", "tcp://localhost:2"))
                .withPropertyValues("daemon-controller.daemons.eager.lifecycle=start-and-stop")
                .withPropertyValues(daemon("optional", "tcp://localhost:3"))
                .withPropertyValues("daemon-controller.daemons.optional.lifecycle=start-only",
                        "daemon-controller.daemons.optional.required=false")
                .run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.get("lazy").lifecycle()).isEqualTo(LifecycleManagement.ON_DEMAND);
                    assertThat(daemons.get("lazy").isRequired()).isFalse();
                    assertThat(daemons.get("eager").isRequired()).isTrue();
                    assertThat(daemons.get("optional").isRequired()).isFalse();
                });
    }

    @Test
    void findsDaemonsByNameAndTag() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:1"))
                .withPropertyValues(daemon("cache", "tcp://localhost:2"))
                .withPropertyValues(daemon("queue", "tcp://localhost:3"))
                .withPropertyValues("daemon-controller.daemons.search.tags=web",
                        "daemon-controller.daemons.queue.tags=web,jobs")
                .run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.withTag("web")).extracting(ManagedDaemon::name)
                            .containsExactly("search", "queue");
                    assertThat(daemons.withTag("nothing")).isEmpty();
                    assertThat(daemons.find("cache")).isPresent();
                    assertThat(daemons.find("nope")).isEmpty();
                    assertThat(catchThrowable(() -> daemons.get("nope")))
                            .hasMessageContaining("No daemon is named 'nope'")
                            .hasMessageContaining("[search, cache, queue]");
                });
    }

    @Test
    void managesDaemonControllerBeansThatTheApplicationDeclares() {
        runner.withUserConfiguration(DeclaredDaemons.class)
                .withPropertyValues("daemon-controller.daemons.redis.lifecycle=start-only",
                        "daemon-controller.daemons.redis.tags=cache")
                .run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.get("redis").controller()).isSameAs(context.getBean("redisDaemonController"));
                    assertThat(daemons.get("redis").lifecycle()).isEqualTo(LifecycleManagement.START_ONLY);
                    assertThat(daemons.get("redis").tags()).containsExactly("cache");
                    assertThat(daemons.get("legacySearch").lifecycle()).isEqualTo(LifecycleManagement.ON_DEMAND);
                });
    }

    @Test
    void refusesToDescribeADeclaredDaemonControllerAgain() {
        runner.withUserConfiguration(DeclaredDaemons.class)
                .withPropertyValues(daemon("redis", "tcp://localhost:6379"))
                .run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                        .isInstanceOf(InvalidDaemonPropertyException.class)
                        .hasMessageContaining("daemon-controller.daemons.redis.start-command")
                        .hasMessageContaining("redisDaemonController"));
    }

    @Test
    void recognizesTheConfiguredConnectFailures() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:9312"))
                .withPropertyValues("daemon-controller.daemons.search.connect-failures=java.lang.IllegalStateException")
                .run(context -> {
                    DaemonController search = context.getBean(DaemonController.class);
                    assertThat(search.isConnectFailure(new RuntimeException(new IllegalStateException()))).isTrue();
                    assertThat(search.isConnectFailure(new IllegalArgumentException())).isFalse();
                });
    }

    @Test
    void watchesADaemonWithLifecycleNoneWithoutAStartCommandAndNeverStartsIt() {
        runner.withPropertyValues("daemon-controller.daemons.sidecar.ping=tcp://127.0.0.1:1",
                "daemon-controller.daemons.sidecar.lifecycle=none").run(context -> {
                    ManagedDaemon sidecar = context.getBean(Daemons.class).get("sidecar");
                    assertThat(sidecar.isRequired()).isTrue();
                    assertThatIllegalStateException().isThrownBy(() -> sidecar.start(Trigger.APPLICATION))
                            .withMessageContaining("lifecycle is none")
                            .withMessageContaining("daemon-controller.daemons.sidecar.lifecycle");
                });
    }

    @Test
    void supervisesEachDaemonAsItsRestartKeysSay() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:1"))
                .withPropertyValues(daemon("cache", "tcp://localhost:2"))
                .withPropertyValues("daemon-controller.defaults.restart=always",
                        "daemon-controller.daemons.search.restart=on-failure",
                        "daemon-controller.daemons.sidecar.lifecycle=none",
                        "daemon-controller.daemons.sidecar.ping=tcp://localhost:3")
                .run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.get("search").controller().restartPolicy())
                            .isEqualTo(RestartPolicy.ON_FAILURE);
                    assertThat(daemons.get("cache").controller().restartPolicy()).isEqualTo(RestartPolicy.ALWAYS);
                    assertThat(daemons.get("sidecar").controller().restartPolicy()).as("lifecycle none")
                            .isEqualTo(RestartPolicy.NEVER);
                });
    }

    @Test
    void restartsNoDaemonByDefault() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:1")).run(context -> assertThat(
                context.getBean(DaemonController.class).restartPolicy()).isEqualTo(RestartPolicy.NEVER));
    }

    @Test
    void givesEachDaemonTheDaemonsItDependsOn() {
        runner.withPropertyValues(daemon("app", "tcp://localhost:1"))
                .withPropertyValues(daemon("cache", "tcp://localhost:2"))
                .withPropertyValues(daemon("db", "tcp://localhost:3"))
                .withPropertyValues("daemon-controller.defaults.depends-on=db",
                        "daemon-controller.daemons.app.depends-on=cache, db")
                .run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.all()).extracting(ManagedDaemon::name).containsExactly("app", "cache", "db");
                    assertThat(daemons.get("app").dependencies()).containsExactly(daemons.get("cache"),
                            daemons.get("db"));
                    assertThat(daemons.get("cache").dependencies()).as("from defaults")
                            .containsExactly(daemons.get("db"));
                    assertThat(daemons.get("db").dependencies()).as("never on itself from defaults").isEmpty();
                });
    }

    @Test
    void letsADeclaredDaemonControllerDependOnAnother() {
        runner.withUserConfiguration(DeclaredDaemons.class)
                .withPropertyValues("daemon-controller.daemons.redis.depends-on=legacySearch")
                .run(context -> {
                    Daemons daemons = context.getBean(Daemons.class);
                    assertThat(daemons.get("redis").dependencies()).containsExactly(daemons.get("legacySearch"));
                });
    }

    @Test
    void runsTheCommandsOfADaemonWithAUserAsThatUser() throws IOException {
        assumeThat(System.getProperty("user.name")).as("switching users needs root").isEqualTo("root");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port = FreePorts.next();
        RedisServer redis = RedisServer.in(directory, port);
        String prefix = "daemon-controller.daemons.redis.";
        runner.withPropertyValues(prefix + "start-command=" + redis.foregroundCommand(),
                prefix + "daemonize-for-me=true", prefix + "ping=tcp://127.0.0.1:" + port,
                prefix + "pid-file=" + directory.resolve("redis.pid"), prefix + "user=nobody").run(context -> {
                    DaemonController controller = context.getBean(DaemonController.class);
                    controller.start();
                    try {
                        assertThat(Files.readAllLines(Path.of("/proc", Long.toString(controller.pid().orElseThrow()),
                                "status"))).contains("Uid:\t65534\t65534\t65534\t65534");
                    } finally {
                        controller.stop();
                    }
                });
    }

    @Test
    void startsRedisOnceEveryListedPingAnswersAndItLoggedItsReadyLine() {
        int port = FreePorts.next();
        RedisServer redis = RedisServer.in(directory, port);
        String prefix = "daemon-controller.daemons.redis.";
        runner.withPropertyValues(prefix + "start-command=" + redis.foregroundCommand(),
                prefix + "daemonize-for-me=true", prefix + "ping[0]=tcp://127.0.0.1:" + port,
                prefix + "ping[1]=exec:test -s " + directory.resolve("redis.pid"),
                prefix + "pid-file=" + directory.resolve("redis.pid"),
                prefix + "ready-log-line=Ready to accept connections").run(context -> {
                    DaemonController controller = context.getBean(DaemonController.class);
                    assertThat(controller.ping()).hasToString("allOf(tcp://127.0.0.1:" + port + ", exec:test -s "
                            + directory.resolve("redis.pid") + ")");
                    controller.start();
                    try {
                        assertThat(Files.readString(controller.logFile().orElseThrow()))
                                .contains("Ready to accept connections");
                    } finally {
                        controller.stop();
                    }
                });
    }

    @Test
    void configuresNothingWhenDisabled() {
        runner.withPropertyValues(daemon("search", "tcp://localhost:9312"))
                .withPropertyValues("daemon-controller.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(Daemons.class)
                        .doesNotHaveBean(DaemonController.class));
    }

    private String[] daemon(String name, String ping) {
        String prefix = "daemon-controller.daemons." + name + ".";
        return new String[] {prefix + "start-command=" + name + "d", prefix + "ping=" + ping,
                prefix + "pid-file=" + directory.resolve(name + ".pid")};
    }

    @Configuration(proxyBeanMethods = false)
    static class DeclaredDaemons {

        @Bean
        DaemonController redisDaemonController() {
            return DaemonController.builder("redis").startCommand("redis-server").daemonizeForMe(true)
                    .ping(Ping.tcp("localhost", 6379)).build();
        }

        @Bean
        DaemonController legacySearch() {
            return DaemonController.builder("legacy search").startCommand("searchd").daemonizeForMe(true)
                    .ping(Ping.tcp("localhost", 9312)).build();
        }
    }
}
