package io.daemoncontroller.boot.metrics;

import java.util.Optional;

import io.daemoncontroller.ProcessExit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartCauseTests {

    @Test
    void tellsAnExitFromASignalFromAnUnknownEnd() {
        assertThat(RestartCause.ofDeath(Optional.of(ProcessExit.fromExitValue(1)))).isEqualTo(RestartCause.EXIT);
        assertThat(RestartCause.ofDeath(Optional.of(ProcessExit.fromExitValue(128 + 9))))
                .isEqualTo(RestartCause.SIGNAL);
        assertThat(RestartCause.ofDeath(Optional.empty())).isEqualTo(RestartCause.UNKNOWN);
    }

    @Test
    void writesItsTagValueAsConfigurationDoes() {
        assertThat(RestartCause.START_FAILED.tagValue()).isEqualTo("start-failed");
        assertThat(RestartCause.SIGNAL.tagValue()).isEqualTo("signal");
    }
}
