package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;

import io.daemoncontroller.boot.lifecycle.DaemonLifecycleAutoConfiguration;
import io.daemoncontroller.boot.test.TestDaemonProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/** An application with daemons described in properties can be AOT-processed, as for a native image. */
class DaemonControllerAotProcessingTests {

    @TempDir
    Path directory;

    @Test
    void daemonsDescribedInPropertiesBecomeGeneratedFactoryMethodBeans() {
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            TestPropertyValues.of(TestDaemonProperties.echo("search", directory).lifecycle("start-and-stop").pairs())
                    .applyTo(context);
            context.register(DaemonControllerAutoConfiguration.class, DaemonLifecycleAutoConfiguration.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("com.example", "App")), files, new RuntimeHints());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();
        }
        assertThat(files.getGeneratedFiles(Kind.SOURCE).keySet())
                .anyMatch(path -> path.endsWith("ConfiguredDaemons__BeanDefinitions.java"));
        String registrations = files.getGeneratedFiles(Kind.SOURCE).entrySet().stream()
                .filter(file -> file.getKey().endsWith("App__BeanFactoryRegistrations.java"))
                .map(file -> file.getValue().toString()).findFirst().orElseThrow();
        assertThat(registrations).contains("searchDaemonController");
    }

    @Test
    void connectionDetailsBecomeGeneratedFactoryMethodBeansOfConfiguredDaemons() {
        InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            String prefix = "daemon-controller.daemons.cache.";
            TestPropertyValues.of(prefix + "start-command=redis-server --port ${daemon-controller.daemons.cache.port}",
                    prefix + "port=auto", prefix + "pid-file=" + directory.resolve("cache.pid")).applyTo(context);
            context.register(DaemonControllerAutoConfiguration.class, ServiceConnectionsAutoConfiguration.class);
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("com.example", "App")), files, new RuntimeHints());
            new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
            generation.writeGeneratedContent();
        }
        String definitions = files.getGeneratedFiles(Kind.SOURCE).entrySet().stream()
                .filter(file -> file.getKey().endsWith("ConfiguredDaemons__BeanDefinitions.java"))
                .map(file -> file.getValue().toString()).findFirst().orElseThrow();
        assertThat(definitions).contains("getDataRedisConnectionDetailsForCacheBeanDefinition()",
                "new RootBeanDefinition(DataRedisConnectionDetails.class)",
                "addIndexedArgumentValue(0, \"cache\")",
                "addIndexedArgumentValue(1, DataRedisConnectionDetails.class)",
                ".connectionDetails(args.get(0), args.get(1))");
    }
}
