package io.daemoncontroller.boot.connection;

import java.nio.file.Path;

import io.daemoncontroller.Ping;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.RedisServer;
import io.daemoncontroller.testsupport.RequiredProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real redis-server described under {@code daemon-controller.daemons}: the application's {@link StringRedisTemplate}
 * reaches it through the daemon's connection details, with no {@code spring.data.redis.*} set or with wrong ones.
 */
class RedisConnectionDetailsIntegrationTests {

    private static final String CACHE = "daemon-controller.daemons.cache.";

    @TempDir
    Path directory;

    private final int port = FreePorts.next();

    @Test
    void aRedisTemplateReachesTheRedisDaemonDetectedFromItsProgramWithNoRedisPropertiesSet() throws Exception {
        try (ConfigurableApplicationContext context = application().run()) {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.opsForValue().set("greeting", "hello");

            assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
            assertThat(context.getBeansOfType(DataRedisConnectionDetails.class))
                    .containsOnlyKeys("dataRedisConnectionDetailsForCache");
        }
        assertThat(Ping.tcp("127.0.0.1", port).answers()).as("redis stopped with the application").isFalse();
    }

    @Test
    void aRedisDaemonOnAnAutoPortWithNoPingIsReachedOnThePortChosen() {
        Path program = RequiredProgram.find("redis-server", "redis-server");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE).properties(CACHE + "start-command=" + program
                        + " --port ${daemon-controller.daemons.cache.port} --bind 127.0.0.1 --dir " + directory
                        + " --save '' --appendonly no", CACHE + "daemonize-for-me=true", CACHE + "port=auto",
                        CACHE + "pid-file=" + directory.resolve("redis.pid"), CACHE + "lifecycle=start-and-stop",
                        "management.health.redis.enabled=false").run()) {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.opsForValue().set("greeting", "hello");

            assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
            assertThat(redis.execute(connection -> connection.serverCommands().info("server"), true)
                    .getProperty("tcp_port")).isEqualTo(context.getEnvironment().getProperty(CACHE + "port"));
        }
    }

    @Test
    void theDaemonsConnectionDetailsWinOverWrongSpringDataRedisProperties() {
        try (ConfigurableApplicationContext context = application().properties("spring.data.redis.host=nowhere.invalid",
                "spring.data.redis.port=1", "spring.data.redis.url=redis://nowhere.invalid:2/3").run()) {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.opsForValue().set("greeting", "hello");

            assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
        }
    }

    @Test
    void theDatabaseComesFromConnectionDatabase() {
        try (ConfigurableApplicationContext context = application().properties(CACHE + "connection.database=3")
                .run()) {
            StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
            redis.opsForValue().set("greeting", "hello");

            assertThat(redis.execute(connection -> connection.serverCommands().info("keyspace"), true)
                    .getProperty("db3")).startsWith("keys=1");
        }
    }

    @Test
    void serviceNoneLeavesTheClientToTheSpringDataRedisProperties() {
        try (ConfigurableApplicationContext context = application().properties(CACHE + "service=none",
                "spring.data.redis.port=" + port).run()) {
            assertThat(context.getBeansOfType(DataRedisConnectionDetails.class))
                    .doesNotContainKey("dataRedisConnectionDetailsForCache");
            assertThat(context.getBean(DataRedisConnectionDetails.class).getStandalone().getPort()).isEqualTo(port);
        }
    }

    private SpringApplicationBuilder application() {
        RedisServer redis = RedisServer.in(directory, port);
        return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE).properties(
                CACHE + "start-command=" + redis.foregroundCommand(), CACHE + "daemonize-for-me=true",
                CACHE + "pid-file=" + directory.resolve("redis.pid"), CACHE + "ping=tcp://127.0.0.1:" + port,
                CACHE + "lifecycle=start-and-stop", "management.health.redis.enabled=false");
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {
    }
}
