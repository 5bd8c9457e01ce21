package io.daemoncontroller.sample.kv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Copies the key-value server's source file from the classpath into the run directory, where the {@code kv}
 * daemon's start command runs it. The same command then works from {@code spring-boot:run}, from the packaged jar
 * and from any working directory.
 */
@Component
class KeyValueServerInstaller implements InitializingBean {

    private static final String SOURCE_FILE = "KeyValueServer.java";

    private final Path runDirectory;

    KeyValueServerInstaller(@Value("${app.run-dir}") Path runDirectory) {
        this.runDirectory = runDirectory;
    }

    @Override
    public void afterPropertiesSet() throws IOException {
        Files.createDirectories(runDirectory);
        try (InputStream source = new ClassPathResource("daemons/" + SOURCE_FILE).getInputStream()) {
            Files.copy(source, runDirectory.resolve(SOURCE_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
