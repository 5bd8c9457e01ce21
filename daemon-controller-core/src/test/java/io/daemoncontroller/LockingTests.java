package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock file serializes starts between threads and processes, and dies with its holder. */
@ExtendWith(NoLeftoverTestDaemons.class)
class LockingTests {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void aProcessKilledWithSigkillWhileHoldingTheLockMidStartDoesNotBlockTheNextStart() throws Exception {
        Path inBeforeStart = sandbox.dir.resolve("holder-in-before-start");
        Process holder = sandbox.client("holder", "action=start", "startCommand=" + sandbox.daemon().shellCommand(),
                "beforeStartFile=" + inBeforeStart, "blockInBeforeStart=true");
        Await.until("the holder to block in beforeStart", GENEROUS, () -> Files.exists(inBeforeStart));

        holder.destroyForcibly();
        assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
        DaemonController controller = sandbox.controller().build();
        CompletableFuture.runAsync(controller::start).get(20, TimeUnit.SECONDS);

        assertThat(controller.pid()).hasValue(sandbox.daemonPid());
        controller.stop();
    }

    @Test
    void aStartInThisJvmHoldsOffReadersHereAndStartsInOtherProcesses() throws Exception {
        Path inBeforeStart = sandbox.dir.resolve("here-in-before-start");
        CountDownLatch release = new CountDownLatch(1);
        DaemonController starter = sandbox.controller()
                .beforeStart(() -> {
                    Sandbox.write(inBeforeStart, "");
                    awaitQuietly(release);
                })
                .build();
        DaemonController reader = sandbox.controller().build();
        CompletableFuture<Void> start = CompletableFuture.runAsync(starter::start);
        Await.until("the start here to reach beforeStart", GENEROUS, () -> Files.exists(inBeforeStart));

        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(reader::isRunning);
        Path otherReady = sandbox.dir.resolve("other-ready");
        Path otherInBeforeStart = sandbox.dir.resolve("other-in-before-start");
        Process other = sandbox.client("other", "action=start", "startCommand=" + sandbox.daemon().shellCommand(),
                "readyFile=" + otherReady, "beforeStartFile=" + otherInBeforeStart);
        Await.until("the other process to be about to start", GENEROUS, () -> Files.exists(otherReady));
        try {
            assertThat(Await.holdsThroughout(Duration.ofMillis(1500),
                    () -> !running.isDone() && !Files.exists(otherInBeforeStart)))
                    .as("the reader here and the other process wait while this JVM starts the daemon").isTrue();
        } finally {
            release.countDown();
        }
        start.get(20, TimeUnit.SECONDS);

        assertThat(running.get(20, TimeUnit.SECONDS)).as("the reader saw the finished start").isTrue();
        assertThat(sandbox.awaitClient("other", other)).contains("already started");
        assertThat(otherInBeforeStart).doesNotExist();
        assertThat(sandbox.starts()).isEqualTo(1);
        starter.stop();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
