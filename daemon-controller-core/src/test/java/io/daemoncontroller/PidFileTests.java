package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code isRunning} and {@code pid} make of the PID file and the process it names. */
@ExtendWith(NoLeftoverTestDaemons.class)
class PidFileTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();
    Process unrelated;

    @AfterEach
    void killEverything() {
        if (unrelated != null) {
            unrelated.destroyForcibly();
        }
        sandbox.killEverything();
    }

    @Test
    void aPidSurroundedByWhiteSpaceNamesTheDaemon() {
        DaemonController controller = sandbox.controller().build();
        controller.start();
        long pid = sandbox.daemonPid();

        Sandbox.write(sandbox.pidFile, " \t" + pid + " \n\n");

        assertThat(controller.isRunning()).isTrue();
        assertThat(controller.pid()).hasValue(pid);
        controller.stop();
        assertThat(TestProcesses.isAlive(pid)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "-0", "000", "garbage", "", "  \n", "12abc", "1.5", "+1", "0x1F",
            "99999999999999999999999"})
    void anInvalidPidFileMeansNotRunning(String content) {
        DaemonController controller = sandbox.controller().build();
        Sandbox.write(sandbox.pidFile, content);

        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.pid()).isEmpty();
    }

    @Test
    void aPidOnTheFirstLineFollowedByMoreLinesNamesTheDaemonAsPostgresWritesIt() {
        DaemonController controller = sandbox.controller().build();
        controller.start();
        long pid = sandbox.daemonPid();

        Sandbox.write(sandbox.pidFile, pid + "\n/var/lib/postgresql/data\n1764547200\n5432\n/run/postgresql\n*\n"
                + "  5432001    196608\nready   \n");

        assertThat(controller.pid()).hasValue(pid);
        controller.stop();
        assertThat(TestProcesses.isAlive(pid)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0\n/data\n", "garbage\n123\n", "\n\n", "12 34\nmore\n"})
    void aFirstLineWithoutAValidPidIsInvalidWhateverFollows(String content) {
        DaemonController controller = sandbox.controller().build();
        Sandbox.write(sandbox.pidFile, content);

        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.pid()).isEmpty();
    }

    @Test
    void theNegatedPidOfALiveProcessIsInvalid() {
        DaemonController controller = sandbox.controller().build();
        Sandbox.write(sandbox.pidFile, "-" + ProcessHandle.current().pid() + "\n");

        assertThat(controller.isRunning()).isFalse();
    }

    @Test
    void aStalePidFileIsDeleted() throws Exception {
        DaemonController controller = sandbox.controller().build();
        Sandbox.write(sandbox.pidFile, StartTests.deadPid() + "\n");

        assertThat(controller.isRunning()).isFalse();

        assertThat(sandbox.pidFile).doesNotExist();
    }

    @Test
    void aPidReusedByAProcessThatStartedAfterThePidFileWasWrittenIsNotTheDaemon() throws Exception {
        unrelated = new ProcessBuilder("sleep", "600").start();
        DaemonController controller = sandbox.controller().build();
        Sandbox.write(sandbox.pidFile, unrelated.pid() + "\n");
        assertThat(controller.pid()).as("a process that started before its PID file was written")
                .hasValue(unrelated.pid());

        Files.setLastModifiedTime(sandbox.pidFile, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.pid()).isEmpty();
        Sandbox.write(sandbox.pidFile, unrelated.pid() + "\n");
        Files.setLastModifiedTime(sandbox.pidFile, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        controller.stop();
        assertThat(unrelated.isAlive()).as("the unrelated process survives stop()").isTrue();
    }

    @Test
    void aZombieIsNotRunning() throws Exception {
        unrelated = new ProcessBuilder("sh", "-c", "sleep 0 & echo $!; exec sleep 600").start();
        long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(unrelated.getInputStream(),
                StandardCharsets.US_ASCII)).readLine().strip());
        Await.until("the child of the non-reaping sleep to become a zombie", Duration.ofSeconds(10),
                () -> TestProcesses.isZombie(zombie));
        DaemonController controller = sandbox.controller().build();

        Sandbox.write(sandbox.pidFile, zombie + "\n");

        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.pid()).isEmpty();
    }
}
