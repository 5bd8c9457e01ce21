package io.daemoncontroller.boot.autoconfigure;

import java.nio.file.Path;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.observation.DaemonObservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfiguredDaemonsTests {

    @TempDir
    Path directory;

    @Test
    void buildsOnFirstUseFromThePropertySourcesTheEnvironmentHadWhenItWasMade() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", daemon("search")));
        ConfiguredDaemons daemons = ConfiguredDaemons.buildOnFirstUse(environment, new DefaultResourceLoader(),
                event -> { }, DaemonObservations.NONE, null);
        environment.getPropertySources().addFirst(new MapPropertySource("added during the refresh", daemon("kv")));
        CompletableFuture<Void> build = CompletableFuture.runAsync(daemons::build);
        assertThat(daemons.all()).extracting(ManagedDaemon::name).containsExactly("search");
        build.join();
        daemons.destroy();
    }

    @Test
    void everyUseThrowsWhatTheBuildThrew() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of("daemon-controller.daemons.search.start-command", "searchd")));
        ConfiguredDaemons daemons = ConfiguredDaemons.buildOnFirstUse(environment, new DefaultResourceLoader(),
                event -> { }, DaemonObservations.NONE, null);
        assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(daemons::build);
        assertThatExceptionOfType(InvalidDaemonPropertyException.class).isThrownBy(daemons::all);
        daemons.destroy();
    }

    @Test
    void givesTheRefreshItsDefinitionsOnlyWhileTheEnvironmentHasTheSourcesTheyWereBoundFrom() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", daemon("search")));
        ConfiguredDaemons daemons = ConfiguredDaemons.buildOnFirstUse(environment, new DefaultResourceLoader(),
                event -> { }, DaemonObservations.NONE, null);
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        registry.registerSingleton(ConfiguredDaemons.BEAN_NAME, daemons);
        assertThat(ConfiguredDaemons.current(registry, environment)).containsSame(daemons);
        assertThat(daemons.definitions().names()).containsExactly("search");
        environment.getPropertySources().addLast(new MapPropertySource("a @PropertySource", daemon("kv")));
        assertThat(ConfiguredDaemons.current(registry, environment)).isEmpty();
        assertThat(ConfiguredDaemons.current(new DefaultListableBeanFactory(), environment)).isEmpty();
        daemons.destroy();
    }

    @Test
    void bindsAgainWhenTheBindingAheadFailed() {
        StandardEnvironment environment = new StandardEnvironment();
        UnreadableAhead application = new UnreadableAhead(daemon("search"));
        environment.getPropertySources().addFirst(application);
        DaemonPorts.publish(environment, getClass().getClassLoader());
        DaemonsBoundAhead ahead = DaemonsBoundAhead.begin(environment, getClass().getClassLoader());
        ConfiguredDaemons daemons = ConfiguredDaemons.buildOnFirstUse(environment, new DefaultResourceLoader(),
                event -> { }, DaemonObservations.NONE, ahead);
        assertThat(daemons.all()).extracting(ManagedDaemon::name).containsExactly("search");
        assertThat(application.failed).isTrue();
        daemons.destroy();
    }

    @Test
    void bindsNothingAheadForAnEnvironmentThatDescribesNoDaemon() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of("daemon-controller.defaults.stop-timeout", "5s")));
        assertThat(DaemonsBoundAhead.begin(environment, getClass().getClassLoader())).isNull();
        ConfiguredDaemons daemons = ConfiguredDaemons.buildOnFirstUse(environment, new DefaultResourceLoader(),
                event -> { }, DaemonObservations.NONE, null);
        assertThat(daemons.all()).isEmpty();
        daemons.destroy();
    }

    private Map<String, Object> daemon(String name) {
        String prefix = "daemon-controller.daemons." + name + ".";
        return Map.of(prefix + "start-command", name + "d", prefix + "ping", "tcp://127.0.0.1:1",
                prefix + "pid-file", directory.resolve(name + ".pid").toString());
    }

    /**
     * Properties that the thread binding ahead cannot read, as one reading a source the application changes at the
     * same time could not.
     */
    static class UnreadableAhead extends MapPropertySource {

        volatile boolean failed;

        UnreadableAhead(Map<String, Object> properties) {
            super("application", properties);
        }

        @Override
        public Object getProperty(String name) {
            if (Thread.currentThread().getName().startsWith("daemon-controller-binding")) {
                failed = true;
                throw new ConcurrentModificationException();
            }
            return super.getProperty(name);
        }
    }
}
