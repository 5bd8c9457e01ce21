package io.daemoncontroller.boot.lifecycle;

import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonLifecycleTests {

    @Test
    void startsBeforeAndStopsAfterTheWebServerAndBeansInTheDefaultPhases() {
        assertThat(DaemonLifecycle.PHASE).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE)
                .isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                .isLessThan(0);
    }
}
