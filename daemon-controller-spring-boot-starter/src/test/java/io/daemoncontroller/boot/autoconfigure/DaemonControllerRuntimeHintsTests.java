package io.daemoncontroller.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonControllerRuntimeHintsTests {

    @Test
    void eachDaemonsSettingsCanBeBoundInANativeImage() {
        RuntimeHints hints = new RuntimeHints();
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)
                .forEach(registrar -> registrar.registerHints(hints, getClass().getClassLoader()));
        assertThat(RuntimeHintsPredicates.reflection().onType(DaemonControllerProperties.Daemon.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DaemonControllerProperties.Daemon.class,
                "setStartCommand")).accepts(hints);
    }
}
