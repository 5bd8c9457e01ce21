package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configuration is reported with the daemon's identifier and the name of the option at fault. */
class BuilderValidationTests {

    private static final String IDENTIFIER = "search server";

    @TempDir
    Path dir;

    private DaemonController.Builder complete() {
        return DaemonController.builder(IDENTIFIER)
                .startCommand("searchd")
                .ping(Ping.tcp("127.0.0.1", 9312))
                .pidFile(dir.resolve("search.pid"));
    }

    @Test
    void aStartCommandIsRequired() {
        assertThatThrownBy(() -> DaemonController.builder(IDENTIFIER).ping(Ping.tcp("127.0.0.1", 9312))
                .pidFile(dir.resolve("search.pid")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(IDENTIFIER, "startCommand");
    }

    @Test
    void aReadyLogLineThatIsNotARegexIsRefusedWithTheRegexErrorAndWhere() {
        InvalidOptionException failure = catchThrowableOfType(() -> complete().logFile(dir.resolve("search.log"))
                .readyLogLine("ready (to accept"), InvalidOptionException.class);

        assertThat(failure.option()).isEqualTo("readyLogLine");
        assertThat(failure.value()).isEqualTo("ready (to accept");
        assertThat(failure.problem()).isEqualTo("is not a valid regular expression: Unclosed group at index 16");
        assertThat(failure).hasMessageContainingAll(IDENTIFIER, "a java.util.regex pattern");
    }

    @Test
    void aReadyLogLineNeedsALogFile() {
        InvalidOptionException failure = catchThrowableOfType(() -> complete().readyLogLine("ready").build(),
                InvalidOptionException.class);

        assertThat(failure.option()).isEqualTo("readyLogLine");
        assertThat(failure.conflictingOption()).hasValue("logFile");
        assertThat(failure.problem()).contains("log file");
        assertThat(complete().daemonizeForMe(true).readyLogLine("ready").build().logFile()).isPresent();
    }

    @Test
    void aPingIsRequired() {
        assertThatThrownBy(() -> DaemonController.builder(IDENTIFIER).startCommand("searchd")
                .pidFile(dir.resolve("search.pid")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(IDENTIFIER, "ping");
    }

    @Test
    void aPidFileIsRequiredUnlessTheControllerDaemonizes() {
        DaemonController.Builder withoutPidFile = DaemonController.builder(IDENTIFIER).startCommand("searchd")
                .ping(Ping.tcp("127.0.0.1", 9312));

        assertThatThrownBy(withoutPidFile::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(IDENTIFIER, "pidFile");
        assertThat(withoutPidFile.daemonizeForMe(true).build().pidFile()).isAbsolute();
    }

    @Test
    void anIdentifierIsRequired() {
        assertThatThrownBy(() -> DaemonController.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("identifier");
    }

    @Test
    void anEmptyStartCommandIsRejected() {
        assertThatThrownBy(() -> complete().startCommand("  ")).hasMessageContainingAll(IDENTIFIER, "startCommand");
        assertThatThrownBy(() -> complete().startCommand(List.of()))
                .hasMessageContainingAll(IDENTIFIER, "startCommand");
    }

    static Stream<Arguments> durationOptions() {
        return Stream.of(
                option("startTimeout", DaemonController.Builder::startTimeout),
                option("startAbortTimeout", DaemonController.Builder::startAbortTimeout),
                option("stopTimeout", DaemonController.Builder::stopTimeout),
                option("logFileActivityTimeout", DaemonController.Builder::logFileActivityTimeout),
                option("pingInterval", DaemonController.Builder::pingInterval));
    }

    private static Arguments option(String name, BiConsumer<DaemonController.Builder, Duration> setter) {
        return Arguments.of(name, setter);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationOptions")
    void aNegativeDurationIsRejected(String option, BiConsumer<DaemonController.Builder, Duration> setter) {
        assertThatThrownBy(() -> setter.accept(complete(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(IDENTIFIER, option);
    }

    @Test
    void anUnknownStopSignalIsRejected() {
        assertThatThrownBy(() -> complete().stopSignal("TERMINATE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(IDENTIFIER, "stopSignal", "TERMINATE");
    }

    @Test
    void aBadOptionIsReportedWithTheOptionAndTheValueAsFields() {
        assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> complete().stopTimeout(Duration.ZERO))
                .satisfies(ex -> {
                    assertThat(ex.identifier()).isEqualTo(IDENTIFIER);
                    assertThat(ex.option()).isEqualTo("stopTimeout");
                    assertThat(ex.value()).isEqualTo(Duration.ZERO);
                    assertThat(ex.problem()).isEqualTo("must be a positive duration");
                    assertThat(ex.conflictingOption()).isEmpty();
                    assertThat(ex).hasMessage(IDENTIFIER + ": stopTimeout PT0S must be a positive duration; "
                            + "use " + ex.fix());
                });
        assertThatExceptionOfType(InvalidOptionException.class).isThrownBy(() -> complete().maxRestarts(-1))
                .satisfies(ex -> assertThat(ex.value()).isEqualTo(-1));
    }

    @Test
    void aMissingOptionIsReportedWithoutAValue() {
        assertThatExceptionOfType(InvalidOptionException.class)
                .isThrownBy(() -> DaemonController.builder(IDENTIFIER).startCommand("searchd").build())
                .satisfies(ex -> {
                    assertThat(ex.option()).isEqualTo("ping");
                    assertThat(ex.value()).isNull();
                });
    }

    @Test
    void aRestartDelayLongerThanTheLongestIsReportedWithTheOptionItConflictsWith() {
        assertThatExceptionOfType(InvalidOptionException.class)
                .isThrownBy(() -> complete().restartDelay(Duration.ofMinutes(2)).build())
                .satisfies(ex -> {
                    assertThat(ex.option()).isEqualTo("restartDelay");
                    assertThat(ex.value()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(ex.conflictingOption()).contains("maxRestartDelay");
                    assertThat(ex).hasMessageContainingAll(IDENTIFIER, "PT2M", "PT1M");
                });
    }

    @Test
    void aLockFileInADirectoryThatCannotBeWrittenIsReportedWithTheOption() {
        Path notADirectory = dir.resolve("search.pid");
        Sandbox.write(notADirectory, "");

        Throwable failure = catchThrowable(() -> complete().lockFile(notADirectory.resolve("search.lock")).build()
                .start());

        assertThat(failure).isInstanceOf(RuntimeException.class).hasMessageContainingAll(IDENTIFIER, "lockFile");
        if (failure instanceof DaemonControllerException daemonFailure) {
            assertThat(daemonFailure.identifier()).isEqualTo(IDENTIFIER);
        }
    }
}
