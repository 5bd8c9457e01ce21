package io.daemoncontroller.boot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTests {

    @Test
    void onDemandDaemonsStartOnUseOnlyAndAreNotRequired() {
        assertThat(Lifecycle.ON_DEMAND.shouldStartAtStartup()).isFalse();
        assertThat(Lifecycle.ON_DEMAND.shouldStopAtShutdown()).isFalse();
        assertThat(Lifecycle.ON_DEMAND.isControlled()).isTrue();
        assertThat(Lifecycle.ON_DEMAND.isRequiredByDefault()).isFalse();
    }

    @Test
    void startAndStopDaemonsStartAndStopWithTheApplication() {
        assertThat(Lifecycle.START_AND_STOP.shouldStartAtStartup()).isTrue();
        assertThat(Lifecycle.START_AND_STOP.shouldStopAtShutdown()).isTrue();
        assertThat(Lifecycle.START_AND_STOP.isRequiredByDefault()).isTrue();
    }

    @Test
    void startOnlyDaemonsOutliveTheApplication() {
        assertThat(Lifecycle.START_ONLY.shouldStartAtStartup()).isTrue();
        assertThat(Lifecycle.START_ONLY.shouldStopAtShutdown()).isFalse();
    }

    @Test
    void daemonsWithLifecycleNoneAreOnlyWatched() {
        assertThat(Lifecycle.NONE.shouldStartAtStartup()).isFalse();
        assertThat(Lifecycle.NONE.shouldStopAtShutdown()).isFalse();
        assertThat(Lifecycle.NONE.isControlled()).isFalse();
        assertThat(Lifecycle.NONE.isRequiredByDefault()).isTrue();
    }

    @Test
    void writesItselfAsInConfiguration() {
        assertThat(Lifecycle.START_AND_STOP.configValue()).isEqualTo("start-and-stop");
    }
}
