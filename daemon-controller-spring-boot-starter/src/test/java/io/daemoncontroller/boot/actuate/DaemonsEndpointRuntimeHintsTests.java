package io.daemoncontroller.boot.actuate;

import io.daemoncontroller.boot.DaemonDetails;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionDone;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionFailed;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionResults;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.DaemonList;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.DaemonLog;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ErrorMessage;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonsEndpointRuntimeHintsTests {

    @Test
    void everyTypeTheEndpointAnswersWithCanBeSerializedInANativeImage() {
        RuntimeHints hints = new RuntimeHints();
        SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)
                .forEach(registrar -> registrar.registerHints(hints, getClass().getClassLoader()));
        for (Class<?> type : new Class<?>[] {DaemonList.class, DaemonDetails.class, DaemonLog.class, ActionDone.class,
                ActionFailed.class, ActionResults.class, ErrorMessage.class}) {
            assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getSimpleName()).accepts(hints);
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, type.getRecordComponents()[0]
                    .getAccessor().getName())).as(type.getSimpleName() + "'s accessors").accepts(hints);
        }
    }
}
