package io.daemoncontroller.sample.kv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.ClassPathResource;

/**
 * Copies the key-value server's source file from the classpath into the run directory ({@code app.run-dir}),
 * where the {@code kv} daemon's start command runs it. The same command then works from {@code spring-boot:run},
 * from the packaged jar and from any working directory. A listener registered in {@code META-INF/spring.factories}
 * rather than a bean: daemons due at startup start before any bean is created, so what they need must be ready
 * by then.
 */
class KeyValueServerInstaller implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final String SOURCE_FILE = "KeyValueServer.java";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Path runDirectory = Path.of(event.getEnvironment().getRequiredProperty("app.run-dir"));
        try (InputStream source = new ClassPathResource("daemons/" + SOURCE_FILE).getInputStream()) {
            Files.createDirectories(runDirectory);
            Files.copy(source, runDirectory.resolve(SOURCE_FILE), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot install " + SOURCE_FILE + " into " + runDirectory, ex);
        }
    }
}
