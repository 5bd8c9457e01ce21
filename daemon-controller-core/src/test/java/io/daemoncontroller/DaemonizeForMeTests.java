package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Commands that stay in the foreground, which the controller daemonizes itself. */
@ExtendWith(NoLeftoverTestDaemons.class)
class DaemonizeForMeTests {

    /** A start timeout by which the test daemon surely runs, even on a busy machine: aborts then reach it. */
    private static final Duration TIME_TO_BE_UP = Duration.ofSeconds(5);

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    private TestDaemonCommand foregroundDaemon() {
        return testDaemon().port(sandbox.port).countFile(sandbox.countFile);
    }

    private DaemonController.Builder controller() {
        return sandbox.controller().daemonizeForMe(true);
    }

    @Test
    void runsTheCommandInASessionOfItsOwnAndAppendsItsOutputToTheLog() throws Exception {
        Sandbox.write(sandbox.logFile, "an old line\n");
        DaemonController controller = controller()
                .startCommand(foregroundDaemon().stdoutMessage("hello on stdout").foregroundCommand())
                .build();

        controller.start();

        long daemon = sandbox.daemonPid();
        assertThat(sessionId(daemon)).isNotEqualTo(sessionId(ProcessHandle.current().pid()))
                .isEqualTo(sessionId(controller.pid().orElseThrow()));
        Await.until("the output relay to copy the daemon's line", TIME_TO_BE_UP,
                () -> sandbox.log().contains("hello on stdout"));
        assertThat(sandbox.log()).startsWith("an old line\n");
        assertThat(sandbox.echo("in the background")).isEqualTo("in the background");
        controller.stop();
        assertThat(TestProcesses.isAlive(daemon)).isFalse();
    }

    @Test
    void writesTheDaemonsPidToThePidFile() {
        DaemonController controller = controller().startCommand(foregroundDaemon().foregroundCommand()).build();

        controller.start();

        long daemon = sandbox.daemonPid();
        assertThat(Sandbox.read(sandbox.pidFile).strip()).isEqualTo(Long.toString(daemon));
        assertThat(controller.pid()).hasValue(daemon);
        controller.stop();
    }

    @Test
    void appendsTheCommandsStandardErrorToTheLog() {
        DaemonController controller = controller()
                .startCommand("echo 'hello on stderr' >&2; exec " + foregroundDaemon().foregroundShellCommand())
                .build();

        controller.start();

        assertThat(sandbox.log()).contains("hello on stderr");
        controller.stop();
    }

    @Test
    void theDaemonOutlivesTheJvmThatStartedIt() throws Exception {
        String command = foregroundDaemon().foregroundShellCommand();
        Process starter = sandbox.client("starter", "action=start", "daemonizeForMe=true", "startCommand=" + command);
        String output = sandbox.awaitClient("starter", starter);
        assertThat(output).contains("started");

        long daemon = sandbox.daemonPid();
        assertThat(TestProcesses.isAlive(daemon)).isTrue();
        assertThat(sandbox.echo("still here")).isEqualTo("still here");
        DaemonController controller = controller().startCommand(command).build();
        assertThat(controller.isRunning()).isTrue();
        controller.stop();
        assertThat(TestProcesses.isAlive(daemon)).isFalse();
    }

    @Test
    void stopReachesTheRealDaemonBehindAShellWrapperThatDoesNotExec() {
        DaemonController controller = controller()
                .startCommand(foregroundDaemon().foregroundShellCommand() + "; echo 'the daemon exited'")
                .build();
        controller.start();
        long daemon = sandbox.daemonPid();

        controller.stop();

        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
    }

    @Test
    void abortReachesTheRealDaemonBehindAShellWrapperThatDoesNotExec() {
        DaemonController controller = controller()
                .startCommand(foregroundDaemon().ignoreTerm().listenDelay(Duration.ofSeconds(60))
                        .foregroundShellCommand() + "; echo 'the daemon exited'")
                .startTimeout(TIME_TO_BE_UP)
                .startAbortTimeout(Duration.ofSeconds(1))
                .build();

        StartTimeoutException failure = catchThrowableOfType(controller::start, StartTimeoutException.class);

        assertThat(failure.getMessage()).endsWith("(timed out)");
        assertThat(TestProcesses.isAlive(sandbox.daemonPid())).isFalse();
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
        assertThat(sandbox.pidFile).doesNotExist();
    }

    @Test
    void reportsADaemonThatExitsBeforeAnsweringWithItsOutput() {
        DaemonController controller = controller()
                .startCommand(foregroundDaemon().stdoutMessage("fatal: port taken").crashBeforeListen(7)
                        .foregroundCommand())
                .startTimeout(Duration.ofSeconds(30))
                .build();

        long began = System.nanoTime();
        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure).isNotInstanceOf(StartTimeoutException.class);
        assertThat(failure.getMessage()).contains("fatal: port taken");
        assertThat(failure.newLogLines()).contains("fatal: port taken");
    }

    @Test
    void needsNoPidFile() throws Exception {
        String identifier = "pid-file-less test daemon " + UUID.randomUUID();
        DaemonController controller = DaemonController.builder(identifier)
                .startCommand(foregroundDaemon().foregroundCommand())
                .ping(Ping.tcp("127.0.0.1", sandbox.port))
                .daemonizeForMe(true)
                .startTimeout(Duration.ofSeconds(5))
                .build();
        try {
            controller.start();

            assertThat(controller.pid()).isPresent();
            assertThat(controller.pidFile()).exists();
            controller.stop();
            assertThat(TestProcesses.isAlive(sandbox.daemonPid())).isFalse();
        } finally {
            Path pidFile = controller.pidFile();
            for (Path file : new Path[] {pidFile, pidFile.resolveSibling(pidFile.getFileName() + ".lock"),
                    controller.logFile().orElseThrow()}) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void aSimpleShellCommandRunsAsTheDaemonItselfSoThePidFileNamesIt() {
        DaemonController controller = controller().startCommand(foregroundDaemon().foregroundShellCommand()).build();

        controller.start();

        assertThat(controller.pid()).as("the daemon's own pid, not its shell's").hasValue(sandbox.daemonPid());
        controller.stop();
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
    }

    @Test
    void stopSendsTheStopSignalToTheDaemonAloneThenEndsWhatIsLeftOfItsSession() {
        Path ready = sandbox.dir.resolve("ready");
        String script = "log=" + sandbox.logFile + "; (trap 'echo child got TERM >> $log; exit 0' TERM;"
                + " while :; do sleep 0.05; done) & child=$!;"
                + " trap 'echo parent got TERM >> $log; kill -KILL $child; exit 0' TERM; touch " + ready + "; wait";
        DaemonController controller = controller()
                .startCommand(List.of("/bin/sh", "-c", script))
                .ping(Ping.of(() -> Files.exists(ready)))
                .build();
        controller.start();

        controller.stop();

        assertThat(Sandbox.read(sandbox.logFile)).contains("parent got TERM").doesNotContain("child got TERM");
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
    }

    @Test
    void theNextStopEndsTheSessionOfAShellWrapperKilledByHand() {
        DaemonController first = controller()
                .startCommand(foregroundDaemon().foregroundShellCommand() + "; echo 'the daemon exited'")
                .build();
        first.start();
        long daemon = sandbox.daemonPid();
        long wrapper = first.pid().orElseThrow();
        assertThat(wrapper).as("the PID file names the shell of a compound command").isNotEqualTo(daemon);
        first.close();

        ProcessHandle.of(wrapper).ifPresent(ProcessHandle::destroyForcibly);
        Await.until("the wrapper to be gone", TIME_TO_BE_UP, () -> !TestProcesses.isAlive(wrapper));
        assertThat(TestProcesses.isAlive(daemon)).as("the orphaned daemon, before the next stop").isTrue();

        controller().startCommand(foregroundDaemon().foregroundShellCommand()).build().stop();

        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(TestProcesses.mentioning(sandbox.dir.toString())).isEmpty();
    }

    @Test
    void theControllersThreadsComeFromTheGivenFactory() {
        List<String> purposes = new CopyOnWriteArrayList<>();
        AtomicInteger made = new AtomicInteger();
        DaemonController controller = controller()
                .startCommand(foregroundDaemon().foregroundCommand())
                .restartPolicy(RestartPolicy.ON_FAILURE)
                .threadFactory(runnable -> {
                    made.incrementAndGet();
                    Thread thread = new Thread(runnable, "from-the-factory-" + made.get());
                    thread.setDaemon(true);
                    return thread;
                })
                .build();
        controller.addListener(change -> purposes.add(Thread.currentThread().getName()));

        controller.start();
        Await.until("the listener to hear the start", TIME_TO_BE_UP, () -> purposes.size() == 2);

        assertThat(purposes).allMatch(name -> name.startsWith("from-the-factory-"));
        assertThat(made.get()).as("the output relays and the event thread").isGreaterThanOrEqualTo(3);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("daemon-controller-") && name.endsWith(controller.identifier()));
        controller.stop();
    }

    private static long sessionId(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
