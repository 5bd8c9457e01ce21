package io.daemoncontroller;

import static io.daemoncontroller.testdaemon.TestDaemonCommand.testDaemon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.NoLeftoverTestDaemons;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code user} option, as root: commands run as Debian's {@code nobody} (uid and gid 65534, in no other group),
 * and the option is refused, naming the fix, when it cannot work.
 */
@ExtendWith(NoLeftoverTestDaemons.class)
class RunAsTests {

    private static final String NOBODY = "65534";

    @RegisterExtension
    final Sandbox sandbox = new Sandbox();

    @BeforeEach
    void asRootInADirectoryEveryoneMayWrite() throws IOException {
        assumeThat(UserAccount.currentUid()).as("switching users needs root").isZero();
        Files.setPosixFilePermissions(sandbox.dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @Test
    void runsADaemonizedForMeDaemonAsTheUserInASessionOfItsOwnUnderTheMarkWithItsOutputInTheLog() throws Exception {
        DaemonController controller = sandbox.build(sandbox.controller().user("nobody").daemonizeForMe(true)
                .startCommand(testDaemon().port(sandbox.port).countFile(sandbox.countFile)
                        .stdoutMessage("hello from nobody").foregroundCommand()));

        controller.start();

        long daemon = sandbox.daemonPid();
        assertThat(controller.pid()).hasValue(daemon);
        assertThat(statusLine(daemon, "Uid")).isEqualTo(List.of(NOBODY, NOBODY, NOBODY, NOBODY));
        assertThat(statusLine(daemon, "Gid")).isEqualTo(List.of(NOBODY, NOBODY, NOBODY, NOBODY));
        assertThat(statusLine(daemon, "Groups")).isEqualTo(List.of(NOBODY));
        assertThat(sessionId(daemon)).isEqualTo(daemon);
        assertThat(StartMark.isAnyMark(daemon)).isTrue();
        assertThat(sandbox.log()).contains("hello from nobody");
        assertThat(Files.getAttribute(sandbox.logFile, "unix:uid")).as("the log file's owner").isEqualTo(0);
        assertThat(Files.getAttribute(sandbox.pidFile, "unix:uid")).as("the PID file's owner").isEqualTo(0);
        controller.stop();
        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void givesTheUserTheDirectoryItCreatesForAPidFileTheDaemonWritesAndRunsTheStopCommandAsTheUser() {
        Path pidFile = sandbox.dir.resolve("run/daemon.pid");
        Path stopper = sandbox.dir.resolve("stopped-by");
        DaemonController controller = sandbox.build(sandbox.controller(testDaemon().port(sandbox.port)
                        .countFile(sandbox.countFile).pidFile(pidFile).shellCommand())
                .user("nobody")
                .pidFile(pidFile)
                .stopCommand("echo \"$(id -u) $HOME $USER\" > " + TestDaemonCommand.shellQuote(stopper.toString())
                        + "; kill $(cat " + TestDaemonCommand.shellQuote(pidFile.toString()) + ")"));

        controller.start();

        long daemon = sandbox.daemonPid();
        assertThat(statusLine(daemon, "Uid")).first().isEqualTo(NOBODY);
        assertThat(owner(pidFile.getParent())).isEqualTo(65534);
        assertThat(owner(pidFile)).isEqualTo(65534);
        controller.stop();
        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(Sandbox.read(stopper)).isEqualTo("65534 /nonexistent nobody\n");
    }

    @Test
    void namingThisJvmsOwnUserRunsTheCommandsAsItWithoutSwitching() {
        DaemonController controller = sandbox.build(sandbox.controller().user("root"));

        controller.start();

        assertThat(statusLine(sandbox.daemonPid(), "Uid")).first().isEqualTo("0");
        controller.stop();
    }

    @Test
    void anUnknownUserIsRefusedWhenBuildingNamingTheOptionAndTheFix() {
        InvalidOptionException refused = catchThrowableOfType(
                () -> sandbox.controller().user("no-such-user").build(), InvalidOptionException.class);

        assertThat(refused.option()).isEqualTo("user");
        assertThat(refused.value()).isEqualTo("no-such-user");
        assertThat(refused.problem()).contains("is not a user of this system");
        assertThat(refused.fix()).contains("useradd --system no-such-user");
        assertThat(refused).hasMessageContainingAll(sandbox.controller().build().identifier(), "user",
                "no-such-user");
    }

    @Test
    void anotherUserIsRefusedToAJvmThatIsNotRoot() throws Exception {
        List<String> answer = probe(List.of("setpriv", "--reuid=65534", "--regid=65534", "--init-groups"), null,
                "daemon");

        assertThat(answer.get(0)).isEqualTo("user");
        assertThat(answer.get(1)).contains("only root may run commands as another user");
        assertThat(answer.get(2)).contains("run the application as root, or as daemon itself");
    }

    @Test
    void theOptionIsRefusedWhenSetprivIsNotOnThePathAndUsersAreFoundInEtcPasswdWithoutGetent() throws Exception {
        List<String> answer = probe(List.of(), sandbox.dir.toString(), "nobody");

        assertThat(answer.get(0)).isEqualTo("user");
        assertThat(answer.get(1)).contains("no setpriv on the PATH");
        assertThat(answer.get(2)).contains("install util-linux");
    }

    /** Runs {@link UserOptionProbe} for {@code user} after {@code prefix}, with {@code path} as its PATH if given. */
    private List<String> probe(List<String> prefix, String path, String user) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(TestDaemonCommand.javaCommand(classDirectory(DaemonController.class) + File.pathSeparator
                + classDirectory(UserOptionProbe.class)));
        command.add(UserOptionProbe.class.getName());
        command.add(user);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (path != null) {
            builder.environment().put("PATH", path);
        }
        Process probe = builder.start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output.lines().toList();
    }

    private static String classDirectory(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static List<String> statusLine(long pid, String field) {
        return Sandbox.read(Path.of("/proc", Long.toString(pid), "status")).lines()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> List.of(line.substring(field.length() + 1).strip().split("\\s+")))
                .findFirst().orElseThrow();
    }

    private static long sessionId(long pid) {
        String stat = Sandbox.read(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static Object owner(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid");
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
