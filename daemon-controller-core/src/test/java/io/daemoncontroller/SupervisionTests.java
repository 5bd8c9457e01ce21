package io.daemoncontroller;

import static io.daemoncontroller.DaemonState.BACKOFF;
import static io.daemoncontroller.DaemonState.FAILED;
import static io.daemoncontroller.DaemonState.RUNNING;
import static io.daemoncontroller.DaemonState.STARTING;
import static io.daemoncontroller.DaemonState.STOPPED;
import static io.daemoncontroller.DaemonState.STOPPING;
import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.ChildJvm;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Supervision with real processes: restart policies, crash loops, deaths noticed for a child and for a daemon in
 * the background, stops on request, and two controllers of one daemon. Delays are kept short (50-100 ms) so that
 * the whole class stays fast; what is asserted is order and growth, never how long something took.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class SupervisionTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Long enough for a restart that should not happen to show: its delay, and a test daemon's JVM start. */
    private static final Duration QUIET = Duration.ofMillis(1200);

    private static final Pattern ANNOUNCED_DELAY = Pattern.compile("in (\\d+) ms");

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    /** How the daemon runs, and which process a {@code kill -9} hits. */
    enum Victim {
        /** Run by the controller ({@code daemonizeForMe}); the daemon's own process is killed. */
        CHILD(true),
        /**
         * Run by the controller behind a shell that does not {@code exec} it; {@code kill -9 $(cat pidfile)} kills
         * the shell and leaves the daemon, still holding its port, for the controller to end before it restarts.
         */
        CHILD_BEHIND_WRAPPER(true),
        /** A daemon that went into the background and wrote its own PID file: watched by polling. */
        BACKGROUND(false);

        final boolean child;

        Victim(boolean child) {
            this.child = child;
        }
    }

    static Stream<Arguments> restartingPoliciesAndVictims() {
        return Stream.of(RestartPolicy.ON_FAILURE, RestartPolicy.ALWAYS)
                .flatMap(policy -> Stream.of(Victim.values()).map(victim -> Arguments.of(policy, victim)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("restartingPoliciesAndVictims")
    void aDaemonKilledWithSigkillComesBack(RestartPolicy policy, Victim victim) {
        DaemonController.Builder builder = supervised(victim.child, policy);
        if (victim == Victim.CHILD_BEHIND_WRAPPER) {
            builder.startCommand(foregroundDaemon().foregroundShellCommand() + "; echo 'the daemon exited'");
        }
        DaemonController controller = sandbox.build(builder);
        RecordingListener events = listen(controller);
        controller.start();
        long firstPid = controller.pid().orElseThrow();
        long firstDaemon = sandbox.daemonPid();
        assertThat(firstPid == firstDaemon).as("the PID file names the daemon itself").isEqualTo(
                victim != Victim.CHILD_BEHIND_WRAPPER);

        Instant killedAt = Instant.now();
        kill9(pidInPidFile());

        DaemonStateChange noticed = events.await(BACKOFF, 1, WAIT);
        events.await(RUNNING, 2, WAIT);
        DaemonStatus status = controller.status();
        assertThat(status.state()).isEqualTo(RUNNING);
        assertThat(status.restarts()).isEqualTo(1);
        assertThat(sandbox.startedPids()).hasSize(2);
        long secondDaemon = sandbox.startedPids().get(1);
        assertThat(controller.pid()).isPresent();
        assertThat(controller.pid().getAsLong()).as("the new pid").isNotEqualTo(firstPid);
        assertThat(status.pid()).isEqualTo(controller.pid());
        assertThat(sandbox.echo("back")).isEqualTo("back");
        assertThat(TestProcesses.isAlive(firstDaemon)).as("the killed daemon's JVM").isFalse();
        assertThat(liveTestDaemons()).as("test daemon JVMs running").containsExactly(secondDaemon);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, BACKOFF, STARTING, RUNNING);
        if (victim.child) {
            assertThat(status.lastExit()).as("the exit of a child").isPresent();
            assertThat(status.lastExit().get().signal()).hasValue("SIGKILL");
            assertThat(noticed.reason()).contains("SIGKILL");
        } else {
            assertThat(status.lastExit()).as("the exit of a daemon that is not a child is unknown")
                    .hasValue(ProcessExit.unknown());
            assertThat(noticed.reason()).contains("status unknown");
        }
        assertThat(noticed.cause()).isEqualTo(DaemonStateChange.Cause.DIED);
        assertThat(noticed.status().lastExit()).isEqualTo(status.lastExit());
        assertThat(noticed.restartDelay()).isPresent();
        figure("death of a %s noticed after %d ms (%s); back RUNNING after %d ms", victim, millis(killedAt,
                noticed.at()), policy, millis(killedAt, controller.status().since()));
    }

    @Test
    void underNeverAChildKilledWithSigkillIsFailedAndNotRestarted() {
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.NEVER));
        RecordingListener events = listen(controller);
        controller.start();

        kill9(sandbox.daemonPid());

        DaemonStateChange failed = events.await(FAILED, 1, WAIT);
        assertThat(failed.from()).isEqualTo(RUNNING);
        assertThat(failed.reason()).contains("SIGKILL");
        assertThat(controller.status().lastExit().flatMap(ProcessExit::signal)).hasValue("SIGKILL");
        assertThat(controller.status().lastError()).hasValueSatisfying(error -> assertThat(error).contains("SIGKILL"));
        assertStaysWithoutRestart(controller, FAILED, 1);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, FAILED);
    }

    @Test
    void underNeverADaemonInTheBackgroundThatVanishesIsFailedWithAnUnknownExitAndNotRestarted() {
        DaemonController controller = sandbox.build(supervised(false, RestartPolicy.NEVER));
        RecordingListener events = listen(controller);
        controller.start();

        kill9(sandbox.daemonPid());

        DaemonStateChange failed = events.await(FAILED, 1, WAIT);
        assertThat(failed.cause()).isEqualTo(DaemonStateChange.Cause.DIED);
        assertThat(controller.status().lastExit()).hasValue(ProcessExit.unknown());
        assertThat(controller.status().lastExit().get().isKnown()).isFalse();
        assertThat(controller.status().lastError()).hasValue("exited, status unknown (not a child of this process)");
        assertStaysWithoutRestart(controller, FAILED, 1);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, FAILED);
    }

    @Test
    void aCallThatFindsTheDaemonGoneRecordsTheDeathAtOnce() {
        DaemonController controller = sandbox.build(supervised(false, RestartPolicy.NEVER));
        controller.start();
        long daemon = sandbox.daemonPid();

        kill9(daemon);
        Await.until("the daemon and its threads to be gone", WAIT, () -> !TestProcesses.isAlive(daemon)
                && Optional.ofNullable(new File("/proc/" + daemon + "/task").list()).map(t -> t.length).orElse(0) <= 1);

        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.status().state()).as("the state right after isRunning() said false").isEqualTo(FAILED);
        assertThat(controller.status().lastExit()).hasValue(ProcessExit.unknown());
    }

    @ParameterizedTest
    @EnumSource(value = Victim.class, names = {"CHILD", "BACKGROUND"})
    void aDaemonStoppedThroughTheApiStaysStopped(Victim victim) {
        DaemonController controller = sandbox.build(supervised(victim.child, RestartPolicy.ALWAYS));
        RecordingListener events = listen(controller);
        controller.start();
        long daemon = sandbox.daemonPid();

        controller.stop();

        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(controller.status().state()).isEqualTo(STOPPED);
        assertStaysWithoutRestart(controller, STOPPED, 1);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, STOPPING, STOPPED);
    }

    @Test
    void aStopDuringTheBackoffCancelsTheRestart() {
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ALWAYS)
                .restartDelay(Duration.ofMillis(600)).maxRestartDelay(Duration.ofSeconds(1)));
        RecordingListener events = listen(controller);
        controller.start();
        kill9(sandbox.daemonPid());
        events.await(BACKOFF, 1, WAIT);

        controller.stop();

        assertThat(controller.status().state()).isEqualTo(STOPPED);
        assertStaysWithoutRestart(controller, STOPPED, 1);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, BACKOFF, STOPPING, STOPPED);
    }

    /**
     * A death takes a while to handle when the daemon leaves processes behind that ignore {@code SIGTERM}: the
     * controller ends them, waiting up to {@code startAbortTimeout}. A {@code stop()} in that moment must win: a
     * daemon stopped on purpose is never restarted.
     */
    @Test
    void aStopWhileADeathIsBeingHandledIsNotUndoneByARestart() {
        // The daemon runs behind a shell that does not exec; killing the shell leaves it behind, ignoring SIGTERM.
        Path orphanLog = sandbox.dir.resolve("orphan.log");
        String daemon = testDaemon().port(sandbox.port).countFile(sandbox.countFile).logFile(orphanLog).ignoreTerm()
                .foregroundShellCommand();
        Path wrapperPid = sandbox.dir.resolve("wrapper.pid");
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ALWAYS)
                .startCommand("echo $$ > " + shellQuote(wrapperPid.toString()) + "; " + daemon
                        + " >/dev/null 2>&1 </dev/null & wait")
                .startAbortTimeout(Duration.ofSeconds(2))
                .stopTimeout(Duration.ofSeconds(1)));
        RecordingListener events = listen(controller);
        controller.start();
        long orphan = sandbox.daemonPid();

        kill9(Long.parseLong(Sandbox.read(wrapperPid).strip()));
        // The death was noticed, and its handling is ending the orphan, which takes startAbortTimeout.
        Await.until("the controller to send the orphan SIGTERM", WAIT,
                () -> Sandbox.read(orphanLog).contains("ignoring SIGTERM"));
        controller.stop();

        assertThat(controller.status().state()).isEqualTo(STOPPED);
        Await.until("the orphan to be ended", WAIT, () -> !TestProcesses.isAlive(orphan));
        assertStaysWithoutRestart(controller, STOPPED, 1);
        assertThat(events.states()).endsWith(STOPPING, STOPPED);
    }

    @Test
    void underAlwaysADaemonThatExitsWithStatusZeroIsRestarted() {
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ALWAYS));
        RecordingListener events = listen(controller);
        controller.start();

        terminate(sandbox.daemonPid()); // the test daemon exits with status 0 on SIGTERM

        DaemonStateChange backoff = events.await(BACKOFF, 1, WAIT);
        assertThat(backoff.reason()).contains("exited with status 0");
        events.await(RUNNING, 2, WAIT);
        assertThat(controller.status().lastExit()).hasValue(ProcessExit.fromExitValue(0));
        assertThat(controller.status().restarts()).isEqualTo(1);
        assertThat(sandbox.starts()).isEqualTo(2);
        assertThat(sandbox.echo("again")).isEqualTo("again");
    }

    @Test
    void underOnFailureADaemonThatExitsWithStatusZeroIsStoppedAndNotRestarted() {
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ON_FAILURE));
        RecordingListener events = listen(controller);
        controller.start();

        terminate(sandbox.daemonPid());

        DaemonStateChange stopped = events.await(STOPPED, 1, WAIT);
        assertThat(stopped.from()).isEqualTo(RUNNING);
        assertThat(stopped.reason()).contains("exited with status 0");
        assertThat(controller.status().lastExit()).hasValue(ProcessExit.fromExitValue(0));
        assertStaysWithoutRestart(controller, STOPPED, 1);
        assertThat(events.states()).containsExactly(STARTING, RUNNING, STOPPED);
    }

    /**
     * Each run answers, then dies (killed here as soon as it runs): every death goes through the death watch, and
     * the fourth within the window, with {@code maxRestarts(3)}, is a crash loop.
     */
    @Test
    void aDaemonThatDiesEachTimeItRunsReachesFailedAfterMaxRestartsWithGrowingDelays() {
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ON_FAILURE)
                .restartDelay(Duration.ofMillis(100)).maxRestartDelay(Duration.ofSeconds(10)).maxRestarts(3));
        RecordingListener events = listen(controller);
        controller.start();

        for (int run = 1; run <= 4; run++) {
            int started = run;
            Await.until("run " + run + " to be up", WAIT,
                    () -> controller.status().state() == RUNNING && sandbox.starts() == started);
            kill9(sandbox.startedPids().get(run - 1));
        }

        events.await(FAILED, 1, WAIT);
        assertThat(events.states()).containsExactly(STARTING, RUNNING,
                BACKOFF, STARTING, RUNNING,
                BACKOFF, STARTING, RUNNING,
                BACKOFF, STARTING, RUNNING,
                FAILED);
        assertChained(events.changes());
        DaemonStatus status = controller.status();
        assertThat(status.restarts()).isEqualTo(3);
        assertThat(status.lastExit().flatMap(ProcessExit::signal)).hasValue("SIGKILL");
        assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
                .contains("crash loop").contains("SIGKILL"));
        assertGrowingDelays(events.changes(), "death watch");
        assertStaysWithoutRestart(controller, FAILED, 4);
    }

    /**
     * The first run is fine; once killed, every restart crashes before it answers: each failed restart counts as a
     * death, and the third failed restart, with {@code maxRestarts(3)}, is a crash loop. A start on request then
     * begins afresh.
     */
    @Test
    void aDaemonWhoseRestartsCrashReachesFailedWithGrowingDelaysAndStartsAgainOnRequest() throws Exception {
        Path crash = sandbox.dir.resolve("crash");
        TestDaemonCommand daemon = testDaemon().port(sandbox.port).countFile(sandbox.countFile);
        String command = "if [ -e " + shellQuote(crash.toString()) + " ]; then exec "
                + testDaemon().port(sandbox.port).countFile(sandbox.countFile).crashBeforeListen(3)
                        .foregroundShellCommand()
                + "; else exec " + daemon.foregroundShellCommand() + "; fi";
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ON_FAILURE).startCommand(command)
                .restartDelay(Duration.ofMillis(100)).maxRestartDelay(Duration.ofSeconds(10)).maxRestarts(3));
        RecordingListener events = listen(controller);
        controller.start();
        Sandbox.write(crash, "");

        kill9(sandbox.daemonPid());

        DaemonStateChange failed = events.await(FAILED, 1, WAIT);
        assertThat(events.states()).containsExactly(STARTING, RUNNING,
                BACKOFF, STARTING,
                BACKOFF, STARTING,
                BACKOFF, STARTING,
                FAILED);
        assertChained(events.changes());
        assertThat(failed.reason()).contains("crash loop");
        DaemonStatus failedStatus = controller.status();
        assertThat(failedStatus.restarts()).isEqualTo(3);
        assertThat(sandbox.starts()).isEqualTo(4);
        assertGrowingDelays(events.changes(), "failed restarts");
        assertStaysWithoutRestart(controller, FAILED, 4);

        Files.delete(crash);
        controller.start();

        assertThat(controller.status().state()).isEqualTo(RUNNING);
        assertThat(controller.status().restarts()).as("restarts since the start on request").isZero();
        kill9(sandbox.startedPids().get(4));
        events.await(RUNNING, 3, WAIT);
        assertThat(controller.status().restarts()).as("earlier deaths are forgotten").isEqualTo(1);
        // Last, so that a wrong message does not hide the behaviour above.
        assertThat(failedStatus.lastError()).as("the last error in FAILED, which health reports")
                .hasValueSatisfying(error -> assertThat(error).contains("crash loop").contains("exited with status 3"));
        assertThat(failedStatus.lastExit()).as("the last exit in FAILED: the crashed restart's, not the kill's")
                .hasValue(ProcessExit.fromExitValue(3));
    }

    /**
     * Deaths older than the restart window no longer count: a daemon that ran stably for the window is restarted
     * again, where one that dies again at once is in a crash loop.
     */
    @Test
    void aDaemonThatRanStablyForTheWindowIsRestartedAgainButNotOneThatDiesAtOnce() {
        Duration window = Duration.ofSeconds(1);
        DaemonController controller = sandbox.build(supervised(true, RestartPolicy.ON_FAILURE).maxRestarts(1)
                .restartWindow(window));
        RecordingListener events = listen(controller);
        controller.start();

        kill9(sandbox.startedPids().get(0));
        events.await(RUNNING, 2, WAIT);
        assertThat(Await.holdsThroughout(window.plusMillis(200), () -> controller.status().state() == RUNNING))
                .as("runs stably for longer than the window").isTrue();
        kill9(sandbox.startedPids().get(1));
        events.await(RUNNING, 3, WAIT);
        assertThat(controller.status().restarts()).isEqualTo(2);

        kill9(sandbox.startedPids().get(2));

        DaemonStateChange failed = events.await(FAILED, 1, WAIT);
        assertThat(failed.reason()).contains("crash loop");
        assertThat(events.states()).containsExactly(STARTING, RUNNING, BACKOFF, STARTING, RUNNING,
                BACKOFF, STARTING, RUNNING, FAILED);
    }

    /**
     * Two controllers of one daemon, with the same PID and lock files, as two app contexts or two instances of an
     * app on one host have: after a {@code kill -9} both notice, and exactly one of them starts it again.
     */
    @ParameterizedTest
    @EnumSource(value = Victim.class, names = {"CHILD", "BACKGROUND"})
    void twoControllersOfOneDaemonRestartItOnce(Victim victim) {
        DaemonController.Builder builder = supervised(victim.child, RestartPolicy.ON_FAILURE);
        DaemonController first = sandbox.build(builder);
        DaemonController second = sandbox.build(builder);
        RecordingListener firstEvents = listen(first);
        RecordingListener secondEvents = listen(second);
        first.start();
        AlreadyStartedException already = catchThrowableOfType(second::start, AlreadyStartedException.class);
        assertThat(already).isNotNull();
        assertThat(second.status().state()).as("the second controller adopts the running daemon").isEqualTo(RUNNING);
        long firstDaemon = sandbox.daemonPid();

        kill9(firstDaemon);

        firstEvents.await(BACKOFF, 1, WAIT);
        secondEvents.await(BACKOFF, 1, WAIT);
        Await.until("both controllers to see the daemon run again", WAIT,
                () -> first.status().state() == RUNNING && second.status().state() == RUNNING
                        && sandbox.starts() == 2);
        OptionalLong pid = first.pid();
        assertThat(pid).isPresent();
        assertThat(second.pid()).isEqualTo(pid);
        assertThat(first.status().pid()).isEqualTo(pid);
        assertThat(second.status().pid()).isEqualTo(pid);
        assertThat(Await.holdsThroughout(QUIET, () -> sandbox.starts() == 2
                && first.status().state() == RUNNING && second.status().state() == RUNNING))
                .as("no second copy is started, and both stay RUNNING; starts: %s", sandbox.startedPids()).isTrue();
        assertThat(liveTestDaemons()).containsExactly(sandbox.startedPids().get(1));
        assertThat(restartsAfterDeath(firstEvents) + restartsAfterDeath(secondEvents))
                .as("restarts begun by either controller; first: %s; second: %s", firstEvents.describe(),
                        secondEvents.describe())
                .isEqualTo(1);
    }

    /**
     * The same with the other supervisor in a process of its own, as another instance of the app on the host:
     * the file lock, not this JVM's, keeps them from starting two copies.
     */
    @ParameterizedTest
    @EnumSource(value = Victim.class, names = {"CHILD", "BACKGROUND"})
    void twoProcessesSupervisingOneDaemonRestartItOnce(Victim victim) throws Exception {
        Path otherStatus = sandbox.dir.resolve("other.status");
        Path quit = sandbox.dir.resolve("other.quit");
        String command = victim.child ? "exec " + foregroundDaemon().foregroundShellCommand()
                : sandbox.daemon().shellCommand();
        Process other = ChildJvm.start(sandbox.dir.resolve("other.out"), SupervisingClient.class,
                "pidFile=" + sandbox.pidFile,
                "port=" + sandbox.port, "startCommand=" + command, "daemonizeForMe=" + victim.child,
                "statusFile=" + otherStatus, "quitFile=" + quit);
        try {
            Await.until("the other process to run the daemon", WAIT, () -> otherState(otherStatus).startsWith("RUNNING "));
            DaemonController here = sandbox.build(supervised(victim.child, RestartPolicy.ON_FAILURE));
            RecordingListener events = listen(here);
            assertThat(catchThrowableOfType(here::start, AlreadyStartedException.class)).isNotNull();
            assertThat(here.status().state()).isEqualTo(RUNNING);

            kill9(sandbox.daemonPid());

            events.await(BACKOFF, 1, WAIT);
            Await.until("both supervisors to see one daemon run again", WAIT, () -> sandbox.starts() == 2
                    && here.status().state() == RUNNING && here.status().pid().isPresent()
                    && otherState(otherStatus).startsWith("RUNNING " + here.status().pid().getAsLong() + " "));
            assertThat(Await.holdsThroughout(QUIET, () -> sandbox.starts() == 2 && here.status().state() == RUNNING
                    && otherState(otherStatus).startsWith("RUNNING ")))
                    .as("no second copy is started; starts %s, here %s, other %s", sandbox.startedPids(),
                            events.describe(), sandbox.clientOutput("other"))
                    .isTrue();
            assertThat(here.pid()).hasValue(sandbox.startedPids().get(1));
            assertThat(liveTestDaemons()).containsExactly(sandbox.startedPids().get(1));
            long restartsBegunThere = Long.parseLong(otherState(otherStatus).split(" ")[2]);
            assertThat(restartsAfterDeath(events) + restartsBegunThere)
                    .as("restarts begun here (%s) and there (%s)", events.describe(), sandbox.clientOutput("other"))
                    .isEqualTo(1);
        } finally {
            Sandbox.write(quit, "");
            if (!other.waitFor(10, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
    }

    private static String otherState(Path statusFile) {
        return Files.exists(statusFile) ? Sandbox.read(statusFile) : "";
    }

    // --- helpers ---

    private DaemonController.Builder supervised(boolean child, RestartPolicy policy) {
        DaemonController.Builder builder = child
                ? sandbox.controller().daemonizeForMe(true).startCommand(foregroundDaemon().foregroundCommand())
                : sandbox.controller();
        return builder.restartPolicy(policy)
                .restartDelay(Duration.ofMillis(50))
                .maxRestartDelay(Duration.ofSeconds(1))
                .maxRestarts(3)
                .restartWindow(Duration.ofMinutes(1));
    }

    private TestDaemonCommand foregroundDaemon() {
        return testDaemon().port(sandbox.port).countFile(sandbox.countFile);
    }

    private static RecordingListener listen(DaemonController controller) {
        RecordingListener listener = new RecordingListener();
        controller.addListener(listener);
        return listener;
    }

    private long pidInPidFile() {
        return Long.parseLong(Sandbox.read(sandbox.pidFile).strip());
    }

    /** The test daemon JVMs of this sandbox that run, by pid: not the shells that wrap them, nor client JVMs. */
    private List<Long> liveTestDaemons() {
        return TestProcesses.mentioning(sandbox.countFile.toString()).stream()
                .filter(process -> process.info().command().orElse("").endsWith("/java"))
                .filter(process -> !TestProcesses.commandLine(process).contains(SupervisingClient.class.getName()))
                .map(ProcessHandle::pid)
                .toList();
    }

    /** Asserts the daemon stays in {@code state}, with {@code starts} test daemon starts and no new run, for a while. */
    private void assertStaysWithoutRestart(DaemonController controller, DaemonState state, int starts) {
        assertThat(Await.holdsThroughout(QUIET, () -> controller.status().state() == state
                && sandbox.starts() == starts))
                .as("stays %s with %d start(s); now %s with starts %s", state, starts, controller.status(),
                        sandbox.startedPids())
                .isTrue();
        if (state != RUNNING) {
            assertThat(liveTestDaemons()).as("test daemons running").isEmpty();
        }
    }

    private static long restartsAfterDeath(RecordingListener events) {
        return events.changes().stream().filter(change -> change.from() == BACKOFF && change.to() == STARTING)
                .count();
    }

    /** Each change starts from the state the one before entered, the first from STOPPED, in time order. */
    private static void assertChained(List<DaemonStateChange> changes) {
        DaemonState previous = STOPPED;
        Instant previousAt = Instant.MIN;
        for (DaemonStateChange change : changes) {
            assertThat(change.from()).as("from of %s", change).isEqualTo(previous);
            assertThat(change.at()).as("at of %s", change).isAfterOrEqualTo(previousAt);
            previous = change.to();
            previousAt = change.at();
        }
    }

    /**
     * The delays the BACKOFF changes announce each at least double from one to the one after next, and never
     * shrink; the measured gaps from BACKOFF to the next STARTING grow from the first to the last (by a margin of at
     * least the initial delay, far above any scheduling noise).
     */
    private static void assertGrowingDelays(List<DaemonStateChange> changes, String path) {
        List<Long> announced = new ArrayList<>();
        List<Long> measured = new ArrayList<>();
        for (int i = 0; i < changes.size() - 1; i++) {
            DaemonStateChange change = changes.get(i);
            if (change.to() == BACKOFF) {
                Matcher delay = ANNOUNCED_DELAY.matcher(change.reason());
                assertThat(delay.find()).as("a delay announced in \"%s\"", change.reason()).isTrue();
                announced.add(Long.parseLong(delay.group(1)));
                assertThat(changes.get(i + 1).to()).isEqualTo(STARTING);
                measured.add(millis(change.at(), changes.get(i + 1).at()));
            }
        }
        figure("restart delays (%s): announced %s ms, measured BACKOFF->STARTING %s ms", path, announced, measured);
        assertThat(announced).hasSize(3).isSorted();
        assertThat(announced.get(2)).isGreaterThanOrEqualTo(2 * announced.get(0));
        assertThat(measured.get(2)).isGreaterThan(measured.get(0));
    }

    private static void kill9(long pid) {
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " to kill"))
                .destroyForcibly();
    }

    private static void terminate(long pid) {
        ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no process " + pid + " to terminate")).destroy();
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    private static void figure(String format, Object... args) {
        System.out.println("[supervision figures] " + String.format(format, args));
    }
}
