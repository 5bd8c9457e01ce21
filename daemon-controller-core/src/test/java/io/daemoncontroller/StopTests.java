package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.shellQuote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(NoLeftoverTestDaemons.class)
class StopTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void returnsOnlyOnceTheDaemonHasExited() {
        Path exitFile = sandbox.dir.resolve("exited");
        DaemonController controller = sandbox.controller(
                sandbox.daemon().stopDelay(Duration.ofMillis(700)).exitFile(exitFile).shellCommand()).build();
        controller.start();
        long pid = sandbox.daemonPid();

        controller.stop();

        assertThat(exitFile).exists();
        assertThat(TestProcesses.isAlive(pid)).isFalse();
        assertThat(controller.isRunning()).isFalse();
        assertThat(controller.pid()).isEmpty();
    }

    @Test
    void theDaemonNoLongerListensWhenStopReturns() {
        DaemonController controller = sandbox.controller().build();
        for (int cycle = 1; cycle <= 5; cycle++) {
            controller.start();

            controller.stop();

            assertThat(connectionRefused()).as("connection refused right after stop #%d", cycle).isTrue();
        }
    }

    @Test
    void returnsQuietlyWhenTheDaemonDoesNotRun() throws Exception {
        DaemonController controller = sandbox.controller().build();
        controller.stop();

        Sandbox.write(sandbox.pidFile, StartTests.deadPid() + "\n");
        controller.stop();

        assertThat(controller.isRunning()).isFalse();
    }

    @Test
    void sendsTheConfiguredStopSignal() {
        DaemonController controller = sandbox.controller(sandbox.daemon().ignoreTerm().shellCommand())
                .stopSignal("HUP")
                .build();
        controller.start();
        long pid = sandbox.daemonPid();

        controller.stop();

        assertThat(TestProcesses.isAlive(pid)).isFalse();
        assertThat(sandbox.log()).doesNotContain("ignoring SIGTERM");
    }

    @Test
    void killsADaemonThatIgnoresTheStopSignalAtTheStopTimeout() {
        DaemonController controller = sandbox.controller(sandbox.daemon().ignoreTerm().shellCommand())
                .stopTimeout(Duration.ofSeconds(1))
                .build();
        controller.start();
        long pid = sandbox.daemonPid();

        StopTimeoutException failure = catchThrowableOfType(controller::stop, StopTimeoutException.class);

        assertThat(failure.getMessage()).contains(controller.identifier()).endsWith("(timed out)");
        assertThat(TestProcesses.isAlive(pid)).isFalse();
        assertThat(sandbox.log()).contains("ignoring SIGTERM");
    }

    @Test
    void runsTheStopCommandInsteadOfSendingTheSignal() {
        Path witness = sandbox.dir.resolve("stopped-by-command");
        DaemonController controller = sandbox.controller(sandbox.daemon().ignoreTerm().shellCommand())
                .stopCommand("echo yes > " + shellQuote(witness.toString()) + "; kill -s KILL \"$(cat "
                        + shellQuote(sandbox.pidFile.toString()) + ")\"")
                .build();
        controller.start();
        long pid = sandbox.daemonPid();

        controller.stop();

        assertThat(witness).exists();
        assertThat(TestProcesses.isAlive(pid)).isFalse();
        assertThat(sandbox.log()).doesNotContain("ignoring SIGTERM");
    }

    @Test
    void reportsAFailingStopCommandWithItsOutputAndStatus() {
        DaemonController controller = sandbox.controller()
                .stopCommand("echo 'out: permission denied'; echo 'err: not stopping' >&2; exit 4")
                .build();
        controller.start();

        StopException failure = catchThrowableOfType(controller::stop, StopException.class);

        assertThat(failure).isNotInstanceOf(StopTimeoutException.class);
        assertThat(failure.getMessage()).contains(controller.identifier(), "out: permission denied",
                "err: not stopping", "(exited with status 4)");
        assertThat(failure.commandOutput()).contains("out: permission denied", "err: not stopping");
        assertThat(failure.exit()).hasValueSatisfying(exit -> assertThat(exit.status()).hasValue(4));
    }

    @Test
    void killsAHangingStopCommandAtTheStopTimeout() {
        String hang = "sleep 60." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        DaemonController controller = sandbox.controller()
                .stopCommand("echo 'stopping slowly'; " + hang + "; echo 'never here'")
                .stopTimeout(Duration.ofSeconds(1))
                .build();
        controller.start();

        long began = System.nanoTime();
        StopException failure = catchThrowableOfType(controller::stop, StopException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(failure.getMessage()).contains("stopping slowly").endsWith("(timed out)");
        assertThat(TestProcesses.mentioning(hang)).isEmpty();
    }

    @Test
    void aDaemonThatBecameAZombieCountsAsGone() {
        String parentSleep = "sleep 600." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        String underNonReapingParent = "setsid sh -c " + shellQuote(sandbox.daemon().foregroundShellCommand()
                + " & exec " + parentSleep) + " >/dev/null 2>&1 </dev/null &";
        DaemonController controller = sandbox.controller(underNonReapingParent)
                .stopTimeout(Duration.ofSeconds(5))
                .build();
        controller.start();
        long pid = sandbox.daemonPid();
        Optional<ProcessHandle> parent = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        try {
            assertThat(parent).map(TestProcesses::commandLine).hasValue(parentSleep);

            controller.stop();

            assertThat(TestProcesses.isZombie(pid)).as("the stopped daemon is a zombie").isTrue();
            assertThat(controller.isRunning()).isFalse();
        } finally {
            parent.ifPresent(ProcessHandle::destroyForcibly);
            TestProcesses.killAllMentioning(parentSleep);
        }
    }

    @Test
    void dontStopIfPidFileInvalidSkipsTheStopCommand() {
        Path witness = sandbox.dir.resolve("stop-command-ran");
        DaemonController controller = sandbox.controller()
                .stopCommand("echo yes > " + shellQuote(witness.toString()))
                .dontStopIfPidFileInvalid(true)
                .build();
        Sandbox.write(sandbox.pidFile, "not a pid\n");

        controller.stop();

        assertThat(witness).doesNotExist();
    }

    @Test
    void runsTheStopCommandDespiteAnInvalidPidFileByDefault() {
        Path witness = sandbox.dir.resolve("stop-command-ran");
        DaemonController controller = sandbox.controller()
                .stopCommand("echo yes > " + shellQuote(witness.toString()))
                .build();
        Sandbox.write(sandbox.pidFile, "not a pid\n");

        controller.stop();

        assertThat(witness).exists();
    }

    @Test
    void endsAHelperThatTheDaemonForksIntoItsSessionAsItStops() {
        String daemon = String.join(" ",
                "use POSIX (); my ($pid_file, $dir) = @ARGV;",
                "$SIG{TERM} = sub { exec('perl', '-e', 'sleep 600', $dir) unless fork(); POSIX::_exit(0); };",
                "open(my $p, '>', \"$pid_file.tmp\"); print $p \"$$\\n\"; close($p);",
                "rename(\"$pid_file.tmp\", $pid_file); sleep 1 while 1;");
        DaemonController controller = sandbox.build(sandbox.controller("setsid perl -e " + shellQuote(daemon) + " "
                + sandbox.pidFile + " " + sandbox.dir + " >/dev/null 2>&1 </dev/null &")
                .ping(Ping.of(() -> sandbox.pidFile.toFile().exists())));
        controller.start();

        controller.stop();

        assertThat(sandbox.leftovers()).isEmpty();
    }

    private boolean connectionRefused() {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port)) {
            return false;
        } catch (ConnectException ex) {
            return true;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
