package io.daemoncontroller.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.daemoncontroller.DaemonController;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.lifecycle.DaemonLifecycleAutoConfiguration;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationShutdownHandlers;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Applications that hold one {@link SharedDaemons}, as the test module's test contexts do, on real test daemons;
 * the JVM's shutdown is the handlers the object registered, run by the test.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class SharedDaemonsTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private final List<Runnable> jvmShutdown = new CopyOnWriteArrayList<>();
    private final List<DaemonController> heard = new CopyOnWriteArrayList<>();
    private final SharedDaemons shared = new SharedDaemons(new SpringApplicationShutdownHandlers() {
        @Override
        public void add(Runnable action) {
            jvmShutdown.add(action);
        }

        @Override
        public void remove(Runnable action) {
            jvmShutdown.remove(action);
        }
    }, heard::add);
    private final List<ConfigurableApplicationContext> applications = new ArrayList<>();

    @AfterEach
    void shutDownTheJvm() {
        applications.forEach(ConfigurableApplicationContext::close);
        jvmShutdown.forEach(Runnable::run);
    }

    @Test
    void applicationsShareOneControllerThatStartsOnceOutlivesThemSupervisedAndStopsWhenTheJvmShutsDown() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).foreground()
                .lifecycle("start-and-stop").set("restart", "on-failure").set("restart-delay", "100ms");

        ConfigurableApplicationContext first = application(echo, "which=first");
        ConfigurableApplicationContext second = application(echo, "which=second");
        DaemonController controller = echoIn(first);

        assertThat(echoIn(second)).isSameAs(controller);
        assertThat(echo.starts()).isEqualTo(1);
        assertThat(first.getBean(Daemons.class).get("echo").isStartedByThisApplication()).isTrue();
        assertThat(second.getBean(Daemons.class).get("echo").isStartedByThisApplication()).isFalse();
        Await.until("the start to be heard", WAIT, () -> heard.equals(List.of(controller)));
        first.close();
        second.close();
        assertThat(echo.answers()).as("echo answers after both closed").isTrue();

        long killed = echo.kill9();
        Await.until("echo to be restarted by its still supervising controller", WAIT,
                () -> echo.livePid().isPresent() && echo.livePid().getAsLong() != killed && echo.answers());
        assertThat(jvmShutdown).hasSize(1);
        jvmShutdown.get(0).run();

        assertThat(echo.livePid()).as("echo after the JVM's shutdown").isEmpty();
    }

    @Test
    void contextsThatSpringApplicationDoesNotPrepareShareTheDaemonTheSameWay() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).lifecycle("start-and-stop");
        List<DaemonController> controllers = new ArrayList<>();
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withInitializer(context -> context.getBeanFactory().registerSingleton(SharedDaemons.BEAN_NAME,
                        shared))
                .withUserConfiguration(Application.class)
                .withPropertyValues(echo.pairs());

        runner.withPropertyValues("which=first").run(context -> controllers.add(echoIn(context)));
        runner.withPropertyValues("which=second").run(context -> controllers.add(echoIn(context)));

        assertThat(controllers.get(1)).isSameAs(controllers.get(0));
        assertThat(echo.starts()).isEqualTo(1);
        assertThat(echo.answers()).as("echo answers after both closed").isTrue();
        jvmShutdown.forEach(Runnable::run);
        assertThat(echo.livePid()).as("echo after the JVM's shutdown").isEmpty();
    }

    @Test
    void aDaemonFoundRunningIsLeftRunningWhenTheJvmShutsDown() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).lifecycle("start-only");
        new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).properties(echo.map()).run()
                .close();
        assertThat(echo.answers()).as("echo, started by another application").isTrue();

        application(echo.lifecycle("start-and-stop"), "which=shared").close();
        jvmShutdown.forEach(Runnable::run);

        assertThat(echo.answers()).as("someone else's echo after the JVM's shutdown").isTrue();
        assertThat(echo.starts()).isEqualTo(1);
        echo.kill9();
    }

    @Test
    void anotherDaemonWithTheSamePidFileFailsTheStartupNamingThePidFileAndTheFirstDaemon() {
        TestDaemonProperties first = TestDaemonProperties.echo("first", directory).lifecycle("on-demand");
        TestDaemonProperties second = TestDaemonProperties.echo("second", directory).lifecycle("on-demand")
                .set("pid-file", first.pidFile().toString());
        application(first, "which=first");

        Throwable failure = catchThrowable(() -> application(second, "which=second"));

        assertThat(failure).isInstanceOfSatisfying(InvalidDaemonPropertyException.class, invalid -> {
            assertThat(invalid.property()).isEqualTo("daemon-controller.daemons.second.pid-file");
            assertThat(invalid.problem()).startsWith("daemon 'first' of an earlier application context of this JVM"
                    + " has this PID file too");
        });
    }

    private ConfigurableApplicationContext application(TestDaemonProperties daemon, String property) {
        ConfigurableApplicationContext application = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(daemon.map())
                .properties(property)
                .initializers(context -> context.getBeanFactory().registerSingleton(SharedDaemons.BEAN_NAME, shared))
                .run();
        applications.add(application);
        return application;
    }

    private static DaemonController echoIn(ApplicationContext application) {
        return application.getBean(Daemons.class).get("echo").controller();
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DaemonControllerAutoConfiguration.class, DaemonLifecycleAutoConfiguration.class})
    static class Application {
    }
}
