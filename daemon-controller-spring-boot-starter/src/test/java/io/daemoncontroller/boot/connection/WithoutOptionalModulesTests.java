package io.daemoncontroller.boot.connection;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Boot modules whose connection details the starter makes are optional: an application that has none of them
 * starts, with a daemon that is a service, and gets no connection details. Runs the application in a class loader
 * of the tests' classpath without those modules and their client libraries.
 */
class WithoutOptionalModulesTests {

    private static final Pattern OPTIONAL = Pattern.compile(
            "spring-boot-(data-redis|jdbc|r2dbc|mongodb|amqp|flyway)-|spring-(data-redis|jdbc|r2dbc|rabbit|amqp)-"
                    + "|mongodb-driver|/bson|r2dbc-spi|amqp-client|lettuce|postgresql|flyway");

    @TempDir
    Path directory;

    @Test
    void anApplicationWithoutThemStartsAndGetsNoConnectionDetails() throws Exception {
        URL[] classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator))
                .filter(entry -> !OPTIONAL.matcher(entry).find())
                .map(WithoutOptionalModulesTests::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            assertThat(loader.getResource("org/springframework/boot/data/redis/autoconfigure/"
                    + "DataRedisConnectionDetails.class")).isNull();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Object beans = loader.loadClass(Application.class.getName()).getMethod("connectionDetailsBeans",
                        String.class).invoke(null, directory.toString());
                assertThat(beans).isEqualTo(0);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An application with a redis daemon (never started), run in the class loader without the modules. */
    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    public static class Application {

        /** Runs the application and counts its connection details beans. */
        public static int connectionDetailsBeans(String directory) {
            String cache = "daemon-controller.daemons.cache.";
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                    .web(WebApplicationType.NONE).properties(cache + "start-command=redis-server --port 7001",
                            cache + "ping=tcp://127.0.0.1:7001", cache + "pid-file=" + directory + "/cache.pid")
                    .run()) {
                return context.getBeansOfType(ConnectionDetails.class).size();
            }
        }
    }
}
