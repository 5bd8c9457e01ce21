package io.daemoncontroller.boot.actuate;

import io.daemoncontroller.boot.DaemonDetails;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionDone;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionFailed;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ActionResults;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.DaemonList;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.DaemonLog;
import io.daemoncontroller.boot.actuate.DaemonsEndpoint.ErrorMessage;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Lets a native image serialize what the {@code daemons} endpoint answers. Its operations return
 * {@code WebEndpointResponse<Object>}, so Boot cannot find these types from the operations' signatures.
 */
class DaemonsEndpointRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), DaemonList.class,
                DaemonDetails.class, DaemonLog.class, ActionDone.class, ActionFailed.class, ActionResults.class,
                ErrorMessage.class);
    }
}
