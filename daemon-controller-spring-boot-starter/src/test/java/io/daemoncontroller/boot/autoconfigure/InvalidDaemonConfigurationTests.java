package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each bad configuration fails the application's startup with a report naming the property and the fix. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidDaemonConfigurationTests {

    private static final String SEARCH = "daemon-controller.daemons.search.";

    private static final String INDEX = "daemon-controller.daemons.index.";

    private static final String QUEUE = "daemon-controller.daemons.queue.";

    @TempDir
    Path directory;

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                arguments("a missing start command", List.of(SEARCH + "start-command="), List.of(
                        "Property: " + SEARCH + "start-command", "Value: (not set)",
                        "lifecycle on-demand is started by this application", "lifecycle: none")),
                arguments("a missing ping", List.of(SEARCH + "ping="), List.of(
                        "Property: " + SEARCH + "ping", "every daemon needs a ping",
                        "tcp://host:port, unix:/path/to.sock, http(s)://host:port/path or exec:shell command")),
                arguments("a ping of no known form", List.of(SEARCH + "ping=localhost:9312"), List.of(
                        "Property: " + SEARCH + "ping", "Value: \"localhost:9312\"", "it is not a ping",
                        "tcp://host:port, unix:/path/to.sock")),
                arguments("a tcp ping without a port", List.of(SEARCH + "ping=tcp://localhost"), List.of(
                        "Property: " + SEARCH + "ping", "needs a host and a port")),
                arguments("a ready log line without a log file", List.of(SEARCH + "ready-log-line=ready"), List.of(
                        "Property: " + SEARCH + "ready-log-line", "Value: \"ready\"",
                        "needs the daemon's log file to watch", "a value that agrees with " + SEARCH + "log-file")),
                arguments("an unknown lifecycle", List.of(SEARCH + "lifecycle=sometimes"), List.of(
                        "Property: " + SEARCH + "lifecycle", "Value: \"sometimes\"",
                        "one of on-demand, start-and-stop, start-only, none")),
                arguments("a duration that is not one", List.of(SEARCH + "start-timeout=20 seconds"), List.of(
                        "Property: " + SEARCH + "start-timeout", "Value: \"20 seconds\"",
                        "a duration, such as 500ms, 20s, 2m or PT20S")),
                arguments("a duration that is not positive", List.of(SEARCH + "stop-timeout=0s"), List.of(
                        "Property: " + SEARCH + "stop-timeout", "must be a positive duration")),
                arguments("a ping timeout that is not positive", List.of(SEARCH + "ping-timeout=0s"), List.of(
                        "Property: " + SEARCH + "ping-timeout", "Value: \"0s\"", "must be positive")),
                arguments("a bad value among the defaults", List.of("daemon-controller.defaults.start-timeout=-1s"),
                        List.of("Property: daemon-controller.defaults.start-timeout", "must be a positive duration")),
                arguments("a missing PID file", List.of(SEARCH + "pid-file="), List.of(
                        "Property: " + SEARCH + "pid-file", "the file the daemon writes its pid to",
                        SEARCH + "daemonize-for-me: true")),
                arguments("a user that does not exist", List.of(SEARCH + "user=no-such-user"), List.of(
                        "Property: " + SEARCH + "user", "Value: \"no-such-user\"", "is not a user of this system",
                        "useradd --system no-such-user")),
                arguments("an unknown stop signal", List.of(SEARCH + "stop-signal=TERMINATE"), List.of(
                        "Property: " + SEARCH + "stop-signal", "is not a signal name", "TERM, INT")),
                arguments("an unknown connect failure class", List.of(SEARCH + "connect-failures=com.example.Nope"),
                        List.of("Property: " + SEARCH + "connect-failures", "no such class",
                                "fully qualified name of an exception class")),
                arguments("a connect failure class that is no exception",
                        List.of(SEARCH + "connect-failures=java.lang.String"), List.of(
                                "Property: " + SEARCH + "connect-failures[0]",
                                "java.lang.String is not an exception class")),
                arguments("an unknown restart policy", List.of(SEARCH + "restart=sometimes"), List.of(
                        "Property: " + SEARCH + "restart", "Value: \"sometimes\"",
                        "one of never, on-failure, always")),
                arguments("a restart policy for a daemon that something else runs",
                        List.of(SEARCH + "lifecycle=none", SEARCH + "restart=always"), List.of(
                                "Property: " + SEARCH + "restart", "lifecycle none is run by something else")),
                arguments("a restart delay longer than the longest", List.of(SEARCH + "restart-delay=2m"), List.of(
                        "Property: " + SEARCH + "restart-delay", "must not be longer than maxRestartDelay",
                        "a value that agrees with " + SEARCH + "max-restart-delay")),
                arguments("a negative number of restarts", List.of(SEARCH + "max-restarts=-1"), List.of(
                        "Property: " + SEARCH + "max-restarts", "must be 0 or more")),
                arguments("a restart window that is no duration", List.of(SEARCH + "restart-window=soon"), List.of(
                        "Property: " + SEARCH + "restart-window", "a duration, such as 500ms")),
                arguments("a dependency on no daemon", List.of(SEARCH + "depends-on=index,serach"), List.of(
                        "Property: " + SEARCH + "depends-on[1]", "Value: \"serach\"", "no daemon is named serach",
                        "the name of another daemon: index")),
                arguments("daemons that depend on each other in a cycle", List.of(SEARCH + "depends-on=index",
                        INDEX + "depends-on=queue", QUEUE + "depends-on=search"), List.of(
                                ".depends-on[0]", "the daemons depend on each other in a cycle: ",
                                "search -> index", "index -> queue", "queue -> search")),
                arguments("a daemon that depends on itself", List.of(SEARCH + "depends-on=search"), List.of(
                        "Property: " + SEARCH + "depends-on[0]", "in a cycle: search -> search")),
                arguments("no instances", List.of(SEARCH + "instances=0"), List.of(
                        "Property: " + SEARCH + "instances", "Value: \"0\"", "must be 1 or more",
                        "with 3, the daemons search-1, search-2 and search-3")),
                arguments("instances sharing a PID file", List.of(SEARCH + "instances=3"), List.of(
                        "Property: " + SEARCH + "pid-file", "search runs 3 instances, each of which needs a "
                                + "pid-file of its own", "a path with ${instance} in it",
                        "tmp/pids/search-${instance}.pid")),
                arguments("instances sharing a log file", List.of(SEARCH + "instances=2",
                        SEARCH + "pid-file=tmp/search-${instance}.pid", SEARCH + "log-file=log/search.log"),
                        List.of("Property: " + SEARCH + "log-file", "Value: \"log/search.log\"",
                                "needs a log-file of its own", "tmp/pids/search-${instance}.log")),
                arguments("instances sharing a lock file", List.of(SEARCH + "instances=2",
                        SEARCH + "pid-file=tmp/search-${instance}.pid", SEARCH + "lock-file=tmp/search.lock"),
                        List.of("Property: " + SEARCH + "lock-file", "needs a lock-file of its own")),
                arguments("instances under defaults", List.of("daemon-controller.defaults.instances=2"), List.of(
                        "Property: daemon-controller.defaults.instances", "applies to one daemon, not to all",
                        "daemon-controller.daemons.<name>.instances")),
                arguments("an instance named like another daemon", List.of(SEARCH + "instances=2",
                        SEARCH + "pid-file=tmp/search-${instance}.pid",
                        "daemon-controller.daemons.search-2.lifecycle=none",
                        "daemon-controller.daemons.search-2.ping=tcp://localhost:9315"), List.of(
                                "Property: " + SEARCH + "instances", "it makes the daemon search-2",
                                "rename one of the two entries")),
                arguments("an unknown service", List.of(SEARCH + "service=elasticsearch"), List.of(
                        "Property: " + SEARCH + "service", "Value: \"elasticsearch\"",
                        "it is not a service this starter knows, and no ConnectionDetailsFactory",
                        "redis, postgres, mysql, mariadb, mongodb, rabbitmq, memcached or none")),
                arguments("connection keys on a daemon that is no service", List.of(
                        SEARCH + "connection.username=app"), List.of(
                                "Property: " + SEARCH + "connection.username", "Value: \"app\"",
                                "the daemon is no service", "set " + SEARCH + "service to the service")),
                arguments("a connection password on a daemon whose service is none", List.of(
                        SEARCH + "start-command=redis-server", SEARCH + "service=none",
                        SEARCH + "connection.password=secret"), List.of(
                                "Property: " + SEARCH + "connection.password", "Value: \"******\"",
                                "but service is none")),
                arguments("a service without a tcp ping", List.of(SEARCH + "service=redis",
                        SEARCH + "ping=exec:redis-cli ping"), List.of(
                                "Property: " + SEARCH + "ping", "Value: \"exec:redis-cli ping\"",
                                "a redis daemon gives its clients its port, or the host and port of its tcp:// ping",
                                "a tcp://host:port ping")),
                arguments("a service on several instances", List.of(SEARCH + "service=redis",
                        SEARCH + "instances=2", SEARCH + "pid-file=tmp/search-${instance}.pid"), List.of(
                                "Property: " + SEARCH + "service", "search runs 2 instances, and Spring Boot's redis"
                                        + " client connects to one server", "or keep it and run one instance")),
                arguments("a redis database that is no number", List.of(SEARCH + "service=redis",
                        SEARCH + "connection.database=cache"), List.of(
                                "Property: " + SEARCH + "connection.database", "Value: \"cache\"",
                                "a redis database is a number")),
                arguments("a log max size for a daemon that writes its own log", List.of(
                        SEARCH + "log-max-size=10MB"), List.of(
                                "Property: " + SEARCH + "log-max-size", "Value: \"10MB\"",
                                "it bounds only the log file the controller writes",
                                "daemonize-for-me: true for a command that stays in the foreground")),
                arguments("a log max size of a few lines", List.of(SEARCH + "daemonize-for-me=true",
                        SEARCH + "log-max-size=1KB"), List.of(
                                "Property: " + SEARCH + "log-max-size", "Value: \"1KB\"",
                                "must be at least 4096 bytes")),
                arguments("fewer than one log file", List.of(SEARCH + "daemonize-for-me=true",
                        SEARCH + "log-max-size=10MB", SEARCH + "log-max-files=0"), List.of(
                                "Property: " + SEARCH + "log-max-files", "Value: \"0\"", "must be 1 or more")),
                arguments("log max files without a log max size", List.of(SEARCH + "daemonize-for-me=true",
                        SEARCH + "log-max-files=3"), List.of(
                                "Property: " + SEARCH + "log-max-files", "it needs log-max-size",
                                "log-max-size too, such as 10MB")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigurations")
    void failsStartupNamingThePropertyAndTheAcceptedValues(String description, List<String> properties,
            List<String> expected, CapturedOutput output) {
        List<String> all = new ArrayList<>(List.of(SEARCH + "start-command=searchd",
                SEARCH + "ping=tcp://localhost:9312", SEARCH + "pid-file=" + directory.resolve("search.pid"),
                INDEX + "lifecycle=none", INDEX + "ping=tcp://localhost:9313"));
        if (properties.stream().anyMatch(property -> property.startsWith(QUEUE))) {
            all.addAll(List.of(QUEUE + "lifecycle=none", QUEUE + "ping=tcp://localhost:9314"));
        }
        all.addAll(properties);
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new))
                .run().close());
        assertThat(output).contains("APPLICATION FAILED TO START", "Invalid daemon configuration");
        assertThat(output).contains(expected);
    }

    @Test
    void aServiceWhoseBootModuleIsMissingFailsStartupNamingTheDependencyToAdd(CapturedOutput output) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
                .resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.springframework.boot.amqp")))
                .web(WebApplicationType.NONE)
                .properties(SEARCH + "start-command=rabbitmq-server", SEARCH + "ping=tcp://localhost:5672",
                        SEARCH + "pid-file=" + directory.resolve("rabbit.pid"), SEARCH + "service=rabbitmq")
                .run().close());
        assertThat(output).contains("APPLICATION FAILED TO START", "Property: " + SEARCH + "service",
                "Value: \"rabbitmq\"", "the connection details of a rabbitmq daemon come from Spring Boot's support"
                        + " for it, and it is not on the classpath", "Set " + SEARCH + "service to none, or keep "
                        + "rabbitmq and add org.springframework.boot:spring-boot-starter-amqp (or spring-boot-amqp)");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DaemonControllerAutoConfiguration.class)
    static class Application {
    }
}
