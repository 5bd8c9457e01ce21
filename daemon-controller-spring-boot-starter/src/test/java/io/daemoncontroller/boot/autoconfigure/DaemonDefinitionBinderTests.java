package io.daemoncontroller.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonDefinitionBinderTests {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private final Map<String, Object> lowerProperties = new LinkedHashMap<>();

    private PropertySource<?> lowerSource = new MapPropertySource("lower", lowerProperties);

    @Test
    void layersTheDaemonsOwnKeysOverThoseUnderDefaultsOverTheBuiltInDefaults() {
        properties.put("daemon-controller.defaults.start-timeout", "20s");
        properties.put("daemon-controller.defaults.stop-timeout", "20s");
        properties.put("daemon-controller.daemons.search.stop-timeout", "5s");

        DaemonDefinition search = binder().bind("search");

        assertThat(search.settings().getStartTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(search.settings().getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(search.settings().getPingTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void appliesTheDefaultsSetInEnvironmentVariablesOfEitherForm() {
        lowerSource = new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("DAEMONCONTROLLER_DEFAULTS_STOPTIMEOUT", "5s",
                        "DAEMON_CONTROLLER_DEFAULTS_START_TIMEOUT", "20s"));
        properties.put("daemon-controller.daemons.search.ping", "tcp://localhost:9312");

        DaemonDefinition search = binder().bind("search");

        assertThat(search.settings().getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(search.settings().getStartTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void tellsWhetherThePropertySourcesMayDescribeADaemon() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new MapPropertySource("application", Map.of("daemon-controller.defaults.stop-timeout", "5s",
                "server.port", "8080")));
        assertThat(DaemonDefinitionBinder.mayDescribeDaemons(sources)).isFalse();
        sources.addLast(new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("DAEMONCONTROLLER_DAEMONS_SEARCH_STARTCOMMAND", "searchd")));
        assertThat(DaemonDefinitionBinder.mayDescribeDaemons(sources)).isTrue();
    }

    @Test
    void takesABlankValueAsUnsetSoThatTheDefaultShowsThrough() {
        properties.put("daemon-controller.defaults.start-command", "searchd");
        properties.put("daemon-controller.defaults.stop-timeout", "5s");
        properties.put("daemon-controller.daemons.search.start-command", " ");
        properties.put("daemon-controller.daemons.search.stop-timeout", "");
        properties.put("daemon-controller.defaults.ping", "tcp://localhost:9312");
        properties.put("daemon-controller.daemons.search.ping", "");

        DaemonDefinition search = binder().bind("search");

        assertThat(search.settings().getPing()).singleElement().hasToString("tcp://localhost:9312");

        assertThat(search.settings().getStartCommand()).isEqualTo("searchd");
        assertThat(search.settings().getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(search.get("start-command", search.settings().getStartCommand()).property())
                .isEqualTo("daemon-controller.defaults.start-command");
    }

    @Test
    void namesThePropertyEachValueCameFromAndWhereItWasSet() {
        properties.put("daemon-controller.defaults.start-timeout", "20s");
        properties.put("daemon-controller.daemons.search.stop-timeout", "5s");

        DaemonDefinition search = binder().bind("search");

        ConfiguredValue<Duration> start = search.get("start-timeout", search.settings().getStartTimeout());
        assertThat(start.property()).isEqualTo("daemon-controller.defaults.start-timeout");
        assertThat(start.origin()).hasToString("\"daemon-controller.defaults.start-timeout\" from property source "
                + "\"test\"");
        assertThat(search.asWritten("stop-timeout", null).value()).isEqualTo("5s");
        ConfiguredValue<Duration> builtIn = search.get("ping-timeout", search.settings().getPingTimeout());
        assertThat(builtIn.property()).isEqualTo("daemon-controller.daemons.search.ping-timeout");
        assertThat(builtIn.origin()).isNull();
        assertThat(search.isConfigured("ping-timeout")).isFalse();
    }

    @Test
    void addsTheDaemonsOwnEnvironmentToTheDefaultOneAndReplacesLists() {
        properties.put("daemon-controller.defaults.environment.LANG", "C");
        properties.put("daemon-controller.defaults.environment.PORT", "1");
        properties.put("daemon-controller.defaults.tags", "backend");
        properties.put("daemon-controller.daemons.search.environment.PORT", "9312");
        properties.put("daemon-controller.daemons.search.tags", "search");
        properties.put("daemon-controller.daemons.cache.ping", "tcp://localhost:6379");

        DaemonDefinitionBinder binder = binder();
        DaemonDefinition search = binder.bind("search");
        DaemonDefinition cache = binder.bind("cache");

        assertThat(search.settings().getEnvironment()).containsExactlyInAnyOrderEntriesOf(
                Map.of("LANG", "C", "PORT", "9312"));
        assertThat(search.tags()).containsExactly("search");
        assertThat(cache.settings().getEnvironment()).as("untouched by another daemon's keys")
                .containsExactlyInAnyOrderEntriesOf(Map.of("LANG", "C", "PORT", "1"));
        assertThat(cache.tags()).containsExactly("backend");
    }

    @Test
    void findsTheDaemonsInConfigurationOrder() {
        properties.put("daemon-controller.daemons.search.ping", "tcp://localhost:9312");
        properties.put("daemon-controller.daemons.cache.ping", "tcp://localhost:6379");
        properties.put("daemon-controller.daemons.queue.lifecycle", "none");

        assertThat(binder().names()).containsExactly("search", "cache", "queue");
    }

    @Test
    void findsTheDaemonsOfSeveralSourcesEachWhereItFirstAppearsInPrecedenceOrder() {
        properties.put("daemon-controller.daemons.search.ping", "tcp://localhost:9312");
        properties.put("daemon-controller.daemons.cache.ping", "tcp://localhost:6379");
        lowerProperties.put("daemon-controller.daemons.queue.lifecycle", "none");
        lowerProperties.put("daemon-controller.daemons.search.stop-timeout", "5s");
        lowerProperties.put("daemon-controller.daemons.proxy.ping", "tcp://localhost:8080");

        DaemonDefinitionBinder binder = binder();

        assertThat(binder.names()).containsExactly("search", "cache", "queue", "proxy");
        assertThat(binder.bind("search").settings().getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void findsADaemonWhoseOnlyKeyIsNested() {
        properties.put("daemon-controller.daemons.search.environment.LANG", "C");

        assertThat(binder().names()).containsExactly("search");
    }

    @Test
    void anEntryWhoseKeysAreAllUnknownOrBlankIsNoDaemon() {
        properties.put("daemon-controller.daemons.typo.strat-command", "searchd");
        properties.put("daemon-controller.daemons.blank.start-command", " ");
        properties.put("daemon-controller.daemons.search.ping", "tcp://localhost:9312");

        assertThat(binder().names()).containsExactly("search");
    }

    @Test
    void findsADaemonWhoseNameIsABracketedKeyWithADot() {
        properties.put("daemon-controller.daemons.search.ping", "tcp://localhost:9312");
        properties.put("daemon-controller.daemons[my.daemon].ping", "tcp://localhost:6379");

        assertThat(binder().names()).containsExactly("search", "my.daemon");
    }

    @Test
    void environmentVariablesInTheFormWithoutDashesDeclareADaemonAndThoseWithDashesAsUnderscoresDoNot() {
        lowerSource = new SystemEnvironmentPropertySource("systemEnvironment",
                Map.of("DAEMON_CONTROLLER_DAEMONS_SEARCH_PING", "tcp://localhost:9312",
                        "DAEMONCONTROLLER_DAEMONS_QUEUE_PING", "tcp://localhost:5672",
                        "DAEMONCONTROLLER_DAEMONS_CACHE_STOPTIMEOUT", "5s"));
        properties.put("daemon-controller.daemons.cache.ping", "tcp://localhost:6379");

        DaemonDefinitionBinder binder = binder();

        assertThat(binder.names()).containsExactly("cache", "queue");
        assertThat(binder.bind("cache").settings().getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(binder.bind("queue").settings().getPing()).singleElement().hasToString("tcp://localhost:5672");
    }

    @Test
    void aBlankValueOfTheDaemonsSectionItselfHidesTheDaemonsOfLowerSources() {
        properties.put("daemon-controller.daemons", "");
        lowerProperties.put("daemon-controller.daemons.search.ping", "tcp://localhost:9312");

        assertThat(binder().names()).isEmpty();
    }

    @Test
    void bindsADaemonWhoseNameIsNotInKebabCase() {
        properties.put("daemon-controller.daemons.legacySearch.stop-timeout", "5s");
        properties.put("daemon-controller.daemons.legacySearch.ping", "tcp://localhost:9312");

        DaemonDefinitionBinder binder = binder();

        assertThat(binder.names()).containsExactly("legacySearch");
        DaemonDefinition legacySearch = binder.bind("legacySearch");
        assertThat(legacySearch.settings().getStopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(legacySearch.get("stop-timeout", legacySearch.settings().getStopTimeout()).property())
                .isEqualTo("daemon-controller.daemons.legacySearch.stop-timeout");
    }

    @Test
    void listsTheDaemonsOwnKeysThatSayHowToRunIt() {
        properties.put("daemon-controller.defaults.stop-timeout", "5s");
        properties.put("daemon-controller.daemons.redis.lifecycle", "start-only");
        properties.put("daemon-controller.daemons.redis.tags", "cache");
        properties.put("daemon-controller.daemons.redis.ping", "tcp://localhost:6379");

        assertThat(binder().bind("redis").ownControllerSettings()).extracting(ConfiguredValue::property)
                .containsExactly("daemon-controller.daemons.redis.ping");
    }

    @Test
    void makesADaemonOfEachInstanceWithItsNumberForTheInstancePlaceholderAndOtherPlaceholdersAsUsual() {
        properties.put("web.port-1", "8081");
        properties.put("web.port-2", "8082");
        properties.put("web.host", "127.0.0.1");
        properties.put("daemon-controller.daemons.web.instances", "2");
        properties.put("daemon-controller.daemons.web.start-command", "web --port ${web.port-${instance}}");
        properties.put("daemon-controller.daemons.web.ping", "tcp://${web.host}:${web.port-${instance}}");
        properties.put("daemon-controller.daemons.web.pid-file", "tmp/web-${instance}.pid");
        properties.put("daemon-controller.daemons.web.tags", "front");
        properties.put("daemon-controller.daemons.search.start-command", "searchd --shard ${instance}");

        DaemonDefinitionBinder binder = binder();

        assertThat(binder.names()).containsExactly("web-1", "web-2", "search");
        DaemonDefinition second = binder.bind("web-2");
        assertThat(second.name()).isEqualTo("web-2");
        assertThat(second.entry()).isEqualTo("web");
        assertThat(second.settings().getStartCommand()).isEqualTo("web --port 8082");
        assertThat(second.settings().getPing()).singleElement().hasToString("tcp://127.0.0.1:8082");
        assertThat(second.settings().getPidFile()).isEqualTo("tmp/web-2.pid");
        assertThat(second.tags()).containsExactly("web", "front");
        assertThat(second.get("pid-file", second.settings().getPidFile()).property())
                .isEqualTo("daemon-controller.daemons.web.pid-file");
        assertThat(binder.bind("web-1").settings().getPidFile()).isEqualTo("tmp/web-1.pid");
        assertThat(binder.bind("search").settings().getStartCommand()).isEqualTo("searchd --shard 1");
        assertThat(binder.bind("search").tags()).isEmpty();
    }

    @Test
    void aDependencyOnAnEntryWithInstancesIsADependencyOnEachOfThem() {
        properties.put("daemon-controller.daemons.web.instances", "3");
        properties.put("daemon-controller.daemons.web.pid-file", "tmp/web-${instance}.pid");
        properties.put("daemon-controller.daemons.proxy.depends-on", "web");
        properties.put("daemon-controller.defaults.depends-on", "web");

        DaemonDefinitionBinder binder = binder();

        assertThat(binder.bind("proxy").dependsOn()).extracting(ConfiguredValue::value)
                .containsExactly("web-1", "web-2", "web-3");
        assertThat(binder.bind("proxy").dependsOn()).extracting(ConfiguredValue::property)
                .containsOnly("daemon-controller.daemons.proxy.depends-on[0]");
        assertThat(binder.bind("web-2").dependsOn()).isEmpty();
    }

    private DaemonDefinitionBinder binder() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(lowerSource);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new DaemonDefinitionBinder(environment, getClass().getClassLoader());
    }
}
