package io.daemoncontroller.boot.autoconfigure;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;

/**
 * The daemons under {@code daemon-controller.daemons} bound, and their controllers built, in a thread of their own
 * from the moment the application's environment is prepared, while Spring Boot creates and prepares the
 * application context. When the application is prepared, {@link ConfiguredDaemons} takes them from here if the
 * environment still has the same property sources, so that the daemons start without waiting for their binding;
 * else, or when that binding failed, it binds them again. A property changed in place in the meantime (a system
 * property set by an {@code ApplicationContextInitializer}) may not be seen: add a property source instead.
 *
 * @since 0.2.0
 */
public final class DaemonsBoundAhead {

    private static final String APPLICATION_INFO = "applicationInfo";

    private final Environment environment;
    private final PropertySources sources;
    private final ClassLoader classLoader;
    private final CompletableFuture<BoundDaemons> bound;

    private DaemonsBoundAhead(Environment environment, PropertySources sources, ClassLoader classLoader,
            CompletableFuture<BoundDaemons> bound) {
        this.environment = environment;
        this.sources = sources;
        this.classLoader = classLoader;
        this.bound = bound;
    }

    /**
     * Begins binding the daemons of the just prepared {@code environment}, loading classes with
     * {@code classLoader}, from its property sources in the order Spring Boot leaves them when it has prepared the
     * environment; or returns null when no source describes a daemon, so that an application that describes none
     * starts no thread for them.
     */
    public static DaemonsBoundAhead begin(ConfigurableEnvironment environment, ClassLoader classLoader) {
        PropertySources sources = asPrepared(environment);
        if (!DaemonDefinitionBinder.mayDescribeDaemons(sources)) {
            return null;
        }
        DaemonThreads threads = DaemonThreads.of(environment);
        CompletableFuture<BoundDaemons> bound = new CompletableFuture<>();
        Thread thread = threads.factory("binding").newThread(() -> {
            try {
                bound.complete(BoundDaemons.bind(environment, sources, classLoader, threads));
            } catch (RuntimeException | Error ex) {
                bound.completeExceptionally(ex);
            }
        });
        thread.start();
        return new DaemonsBoundAhead(environment, sources, classLoader, bound);
    }

    /**
     * The daemons bound here, when they were bound from {@code sources} of {@code environment} with
     * {@code classLoader}, and the binding succeeded; waits for it. A binding that failed is for the caller to do
     * again: it may have read a source while the application changed it, and what the application is told must be
     * what its environment says once prepared.
     */
    Optional<BoundDaemons> boundFrom(Environment environment, PropertySources sources, ClassLoader classLoader) {
        if (environment != this.environment || classLoader != this.classLoader || !DaemonDefinitionBinder.sameSources(this.sources, sources)) {
            return Optional.empty();
        }
        try {
            return Optional.of(bound.join());
        } catch (CompletionException ex) {
            return Optional.empty();
        }
    }

    /**
     * The property sources of {@code environment} with those moved to the end that Spring Boot moves there once the
     * listeners of the prepared environment have run.
     */
    private static PropertySources asPrepared(ConfigurableEnvironment environment) {
        MutablePropertySources sources = new MutablePropertySources(environment.getPropertySources());
        PropertySource<?> applicationInfo = sources.remove(APPLICATION_INFO);
        if (applicationInfo != null) {
            sources.addLast(applicationInfo);
        }
        DefaultPropertiesPropertySource.moveToEnd(sources);
        return sources;
    }
}
