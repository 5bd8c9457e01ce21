package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;

import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.PortOwners;
import io.daemoncontroller.testsupport.RedisServer;
import io.daemoncontroller.testsupport.SignalReportingDaemon;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code daemonizeForMe} with real daemons run by a String command: which process the PID file and stop reach. */
class DaemonizeForMeRealDaemonTests {

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @Test
    void thePidFileNamesTheDaemonItselfForASimpleStringCommand() throws IOException {
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        DaemonController controller = sandbox.build(daemonizedForMe(redis.foregroundCommand()));

        controller.start();

        long pid = controller.pid().orElseThrow();
        assertThat(PortOwners.listeningOn(sandbox.port)).extracting(ProcessHandle::pid).containsExactly(pid);
        assertThat(commandName(pid)).isEqualTo("redis-server");
        assertThat(sandbox.echo("PING")).isEqualTo("+PONG");
        controller.stop();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void aCharacterOfShellSyntaxWithinQuotesDoesNotMakeACommandCompound() throws IOException {
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        DaemonController controller = sandbox.build(daemonizedForMe(redis.foregroundCommand(
                "--dbfilename 'dump; copy (1) & more | less.rdb'")));

        controller.start();

        assertThat(commandName(controller.pid().orElseThrow())).isEqualTo("redis-server");
    }

    @Test
    void stopSendsTheStopSignalToTheDaemonOnlyNotToItsChildren() throws IOException {
        Path report = sandbox.dir.resolve("signals.txt");
        DaemonController controller = sandbox.build(daemonizedForMe(SignalReportingDaemon.command(sandbox.dir,
                sandbox.port, report)));
        controller.start();
        assertThat(commandName(controller.pid().orElseThrow())).isEqualTo("perl");

        controller.stop();

        assertThat(Files.readAllLines(report))
                .contains("daemon got SIGTERM", "child got SIGUSR1")
                .doesNotContain("child got SIGTERM");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void stopEndsTheOrphanedSessionOfACompoundCommandWhoseShellWasKilled() {
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        DaemonController controller = sandbox.build(daemonizedForMe(redis.foregroundCommand()
                + "; echo redis-server has exited"));
        controller.start();
        List<ProcessHandle> orphans = killTheShellOrphaningItsSession(controller);

        controller.stop();

        assertThat(orphans).noneMatch(orphan -> TestProcesses.isAlive(orphan.pid()));
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void startEndsTheOrphanedSessionOfACompoundCommandWhoseShellWasKilledAndStartsAfresh() {
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        DaemonController controller = sandbox.build(daemonizedForMe(redis.foregroundCommand()
                + "; echo redis-server has exited"));
        controller.start();
        List<ProcessHandle> orphans = killTheShellOrphaningItsSession(controller);

        controller.start();

        assertThat(orphans).noneMatch(orphan -> TestProcesses.isAlive(orphan.pid()));
        assertThat(sandbox.echo("PING")).isEqualTo("+PONG");
        assertThat(controller.isRunning()).isTrue();
    }

    /**
     * Kills the process the PID file names, the shell of a compound command, with {@code SIGKILL}, and returns what
     * it leaves behind: the daemon and the output relays.
     */
    private List<ProcessHandle> killTheShellOrphaningItsSession(DaemonController controller) {
        long shell = controller.pid().orElseThrow();
        List<ProcessHandle> session = Await.value("redis and both output relays to run", Duration.ofSeconds(5), () -> {
            List<ProcessHandle> others = sandbox.processes().stream()
                    .filter(process -> process.pid() != shell)
                    .toList();
            long relays = others.stream().filter(process -> TestProcesses.commandLine(process).startsWith("tee "))
                    .count();
            boolean redisListens = !PortOwners.listeningOn(sandbox.port).isEmpty();
            return relays == 2 && redisListens ? Optional.of(others) : Optional.empty();
        });
        ProcessHandle.of(shell).orElseThrow().destroyForcibly();
        Await.until("the shell to die", Duration.ofSeconds(5), () -> !TestProcesses.isAlive(shell));
        return session;
    }

    /** The name of the program {@code pid} runs, from {@code /proc/<pid>/comm}: a rewritten title leaves it alone. */
    private static String commandName(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
    }

    private DaemonController.Builder daemonizedForMe(String startCommand) {
        return sandbox.controller(startCommand).daemonizeForMe(true);
    }
}
