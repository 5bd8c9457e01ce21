package io.daemoncontroller.boot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleManagementTests {

    @Test
    void onDemandDaemonsStartOnUseOnlyAndAreNotRequired() {
        assertThat(LifecycleManagement.ON_DEMAND.shouldStartAtStartup()).isFalse();
        assertThat(LifecycleManagement.ON_DEMAND.shouldStopAtShutdown()).isFalse();
        assertThat(LifecycleManagement.ON_DEMAND.isControlled()).isTrue();
        assertThat(LifecycleManagement.ON_DEMAND.isRequiredByDefault()).isFalse();
    }

    @Test
    void startAndStopDaemonsStartAndStopWithTheApplication() {
        assertThat(LifecycleManagement.START_AND_STOP.shouldStartAtStartup()).isTrue();
        assertThat(LifecycleManagement.START_AND_STOP.shouldStopAtShutdown()).isTrue();
        assertThat(LifecycleManagement.START_AND_STOP.isRequiredByDefault()).isTrue();
    }

    @Test
    void startOnlyDaemonsOutliveTheApplication() {
        assertThat(LifecycleManagement.START_ONLY.shouldStartAtStartup()).isTrue();
        assertThat(LifecycleManagement.START_ONLY.shouldStopAtShutdown()).isFalse();
    }

    @Test
    void daemonsWithLifecycleNoneAreOnlyWatched() {
        assertThat(LifecycleManagement.NONE.shouldStartAtStartup()).isFalse();
        assertThat(LifecycleManagement.NONE.shouldStopAtShutdown()).isFalse();
        assertThat(LifecycleManagement.NONE.isControlled()).isFalse();
        assertThat(LifecycleManagement.NONE.isRequiredByDefault()).isTrue();
    }

    @Test
    void writesItselfAsInConfiguration() {
        assertThat(LifecycleManagement.START_AND_STOP.configValue()).isEqualTo("start-and-stop");
    }
}
