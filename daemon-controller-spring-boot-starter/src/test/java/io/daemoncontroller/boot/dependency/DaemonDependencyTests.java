package io.daemoncontroller.boot.dependency;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.daemoncontroller.boot.DaemonDependency;
import io.daemoncontroller.boot.DaemonOperationEvent.Outcome;
import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerAutoConfiguration;
import io.daemoncontroller.boot.test.RecordedOperations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DaemonDependency} without a real daemon: the daemon "runs" because its PID file names this JVM, so a start
 * finds it running and does nothing.
 */
class DaemonDependencyTests {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() throws IOException {
        Path pidFile = Files.writeString(directory.resolve("search.pid"), Long.toString(ProcessHandle.current().pid()));
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DaemonControllerAutoConfiguration.class,
                        DaemonDependencyAutoConfiguration.class))
                .withUserConfiguration(Beans.class)
                .withPropertyValues("daemon-controller.daemons.search.start-command=searchd",
                        "daemon-controller.daemons.search.ping=tcp://127.0.0.1:1",
                        "daemon-controller.daemons.search.pid-file=" + pidFile,
                        "daemon-controller.daemons.search.connect-failures=java.lang.IllegalStateException",
                        "daemon-controller.dependency-retry.max-retries=2",
                        "daemon-controller.dependency-retry.delay=1ms");
    }

    @Test
    void leavesACallThatSucceedsAlone() throws Exception {
        runner().run(context -> {
            Search search = context.getBean(Search.class);
            assertThat(AopUtils.isAopProxy(search)).isTrue();
            assertThat(search.find("daemons")).isEqualTo("found daemons");
            assertThat(context.getBean(RecordedOperations.class).events()).isEmpty();
        });
    }

    @Test
    void passesOtherFailuresThroughWithoutStartingAnything() throws Exception {
        runner().run(context -> {
            Search search = context.getBean(Search.class);
            assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> search.find(null));
            assertThat(search.calls()).isEqualTo(1);
            assertThat(context.getBean(RecordedOperations.class).events()).isEmpty();
        });
    }

    @Test
    void startsTheDaemonOnAConnectFailureAndRetriesABoundedNumberOfTimes() throws Exception {
        runner().run(context -> {
            Search search = context.getBean(Search.class);
            assertThatExceptionOfType(ConnectException.class).isThrownBy(search::unreachable)
                    .withMessage("Connection refused, call 4");
            assertThat(search.calls()).isEqualTo(4);
            assertThat(context.getBean(RecordedOperations.class).events()).hasSize(3).allSatisfy(event -> {
                assertThat(event.daemon().name()).isEqualTo("search");
                assertThat(event.trigger()).isEqualTo(Trigger.CONNECT_FAILURE);
                assertThat(event.outcome()).isEqualTo(Outcome.SKIPPED);
            });
        });
    }

    @Test
    void recognizesTheDaemonsOwnConnectFailuresAnywhereInTheCauseChain() throws Exception {
        runner().run(context -> {
            Search search = context.getBean(Search.class);
            assertThatExceptionOfType(RuntimeException.class).isThrownBy(search::unreachableThroughAClient);
            assertThat(search.calls()).isEqualTo(4);
        });
    }

    @Test
    void lookAtTheMethodsAnnotationBeforeItsClasss() throws Exception {
        runner().run(context -> {
            Search search = context.getBean(Search.class);
            assertThatExceptionOfType(ConnectException.class).isThrownBy(search::otherDaemonUnreachable);
            assertThat(search.calls()).isEqualTo(1);
        });
    }

    @Test
    void failsStartupWhenADependencyNamesNoDaemon() throws Exception {
        runner().withUserConfiguration(Misspelled.class).run(context -> assertThat(context).getFailure()
                .hasMessageContaining("@DaemonDependency(\"serach\")")
                .hasMessageContaining("names no daemon; the daemons are [search]"));
    }

    @Test
    void failsStartupWhenTheRetrySettingsAreInvalid() throws Exception {
        runner().withPropertyValues("daemon-controller.dependency-retry.multiplier=0.5")
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("Invalid daemon-controller.dependency-retry"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Search search() {
            return new Search();
        }

        @Bean
        RecordedOperations recordedOperations() {
            return new RecordedOperations();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Misspelled {

        @Bean
        Object misspelled() {
            return new Object() {
                @DaemonDependency("serach")
                public void call() {
                }
            };
        }
    }

    @DaemonDependency("search")
    static class Search {

        private final AtomicInteger calls = new AtomicInteger();

        int calls() {
            return calls.get();
        }

        String find(String query) {
            calls.incrementAndGet();
            if (query == null) {
                throw new IllegalArgumentException("no query");
            }
            return "found " + query;
        }

        void unreachable() throws ConnectException {
            throw new ConnectException("Connection refused, call " + calls.incrementAndGet());
        }

        void unreachableThroughAClient() {
            calls.incrementAndGet();
            throw new RuntimeException("search failed", new IllegalStateException("client: not connected"));
        }

        @DaemonDependency({})
        void otherDaemonUnreachable() throws ConnectException {
            calls.incrementAndGet();
            throw new ConnectException("Connection refused");
        }
    }
}
