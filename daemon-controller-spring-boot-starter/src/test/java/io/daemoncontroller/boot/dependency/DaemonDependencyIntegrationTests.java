package io.daemoncontroller.boot.dependency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.daemoncontroller.boot.DaemonDependency;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.lifecycle.DaemonLifecycleAutoConfiguration;
import io.daemoncontroller.boot.metrics.DaemonMeter;
import io.daemoncontroller.boot.metrics.DaemonMetricsAutoConfiguration;
import io.daemoncontroller.boot.observation.DaemonObservation;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@link DaemonDependency} bean talking to a real on-demand echo daemon that is not running at first. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonDependencyIntegrationTests {

    private static final int CALLERS = 16;

    @TempDir
    Path directory;

    @Test
    void startsTheDaemonOnTheFirstCallThatCannotConnect() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory);
        run(echo, context -> {
            assertThat(echo.answers()).isFalse();
            assertThat(context.getBean(EchoClient.class).echo("hello")).isEqualTo("hello");
            assertThat(echo.starts()).isEqualTo(1);
            assertThat(context.getBean(EchoClient.class).echo("again")).isEqualTo("again");
            assertThat(echo.starts()).isEqualTo(1);
        });
    }

    @Test
    void startsTheDaemonOnceForConcurrentFirstCalls() {
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory);
        run(echo, context -> {
            EchoClient client = context.getBean(EchoClient.class);
            CyclicBarrier together = new CyclicBarrier(CALLERS);
            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            try {
                List<Future<String>> replies = new ArrayList<>();
                for (int i = 0; i < CALLERS; i++) {
                    String line = "caller " + i;
                    replies.add(callers.submit(() -> {
                        together.await();
                        return client.echo(line);
                    }));
                }
                for (int i = 0; i < CALLERS; i++) {
                    assertThat(replies.get(i).get()).isEqualTo("caller " + i);
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(echo.starts()).isEqualTo(1);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(DaemonMeter.AUTOSTARTS.getName()).tag("daemon", "echo").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get(DaemonObservation.START.getName()).tags("daemon", "echo", "outcome", "success",
                    "trigger", "connect-failure").timer().count()).isEqualTo(1);
            assertThat(registry.get(DaemonMeter.UP.getName()).tag("daemon", "echo").gauge().value())
                    .isEqualTo(1);
        });
    }

    @Test
    void startsTheDaemonsItDependsOnFirst() {
        TestDaemonProperties base = TestDaemonProperties.echo("base", directory);
        TestDaemonProperties echo = TestDaemonProperties.echo("echo", directory).set("depends-on", "base");
        String baseAnswers = "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + base.port() + "' || exit 1; ";
        run(echo, context -> {
            assertThat(context.getBean(EchoClient.class).echo("hello")).isEqualTo("hello");
            assertThat(base.starts()).isEqualTo(1);
            assertThat(echo.starts()).isEqualTo(1);
        }, base.pairs(), new String[] {"daemon-controller.daemons.echo.start-command=" + baseAnswers
                + echo.startCommand()});
    }

    /** Runs {@code test} with the daemon {@code echo} and the daemons described by {@code more}; stops them all. */
    private void run(TestDaemonProperties echo, ContextConsumer<AssertableApplicationContext> test,
            String[]... more) {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class,
                        DaemonLifecycleAutoConfiguration.class, DaemonDependencyAutoConfiguration.class,
                        DaemonMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
                        MetricsAutoConfiguration.class))
                .withUserConfiguration(Beans.class)
                .withPropertyValues(echo.pairs())
                .withPropertyValues("echo.port=" + echo.port());
        for (String[] properties : more) {
            runner = runner.withPropertyValues(properties);
        }
        runner.run(context -> {
            try {
                test.accept(context);
            } finally {
                context.getBean(Daemons.class).all().forEach(daemon -> daemon.stop(Trigger.APPLICATION));
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        EchoClient echoClient(Environment environment) {
            return new EchoClient(environment.getRequiredProperty("echo.port", Integer.class));
        }

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @DaemonDependency("echo")
    static class EchoClient {

        private final int port;

        EchoClient(int port) {
            this.port = port;
        }

        String echo(String line) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port);
                    PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                out.println(line);
                return in.readLine();
            }
        }
    }
}
