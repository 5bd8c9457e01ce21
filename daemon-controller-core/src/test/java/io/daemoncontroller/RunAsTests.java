package io.daemoncontroller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.Await;
import io.daemoncontroller.testsupport.PortOwners;
import io.daemoncontroller.testsupport.RedisServer;
import io.daemoncontroller.testsupport.TestProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code user} option, as root, with a real redis-server: commands run as Debian's {@code nobody} (uid and gid
 * 65534, in no other group), and the option is refused, naming the fix, when it cannot work. What runs as
 * {@code nobody} reads nothing of this build's directory, which may lie where {@code nobody} cannot go.
 */
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
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        DaemonController controller = sandbox.build(sandbox.controller(redis.foregroundCommand()).user("nobody")
                .daemonizeForMe(true));

        controller.start();

        long daemon = controller.pid().orElseThrow();
        assertThat(PortOwners.listeningOn(sandbox.port)).extracting(ProcessHandle::pid).containsExactly(daemon);
        assertThat(statusLine(daemon, "Uid")).isEqualTo(List.of(NOBODY, NOBODY, NOBODY, NOBODY));
        assertThat(statusLine(daemon, "Gid")).isEqualTo(List.of(NOBODY, NOBODY, NOBODY, NOBODY));
        assertThat(statusLine(daemon, "Groups")).isEqualTo(List.of(NOBODY));
        assertThat(sessionId(daemon)).isEqualTo(daemon);
        assertThat(StartMark.isAnyMark(daemon)).isTrue();
        Await.until("redis to log that it is ready", Duration.ofSeconds(5),
                () -> sandbox.log().contains("Ready to accept connections"));
        assertThat(owner(sandbox.logFile)).as("the log file's owner").isEqualTo(0);
        assertThat(owner(sandbox.pidFile)).as("the PID file's owner").isEqualTo(0);
        controller.stop();
        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void givesTheUserTheDirectoryItCreatesForAPidFileTheDaemonWritesAndRunsTheStopCommandAsTheUser() {
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        Path pidFile = sandbox.dir.resolve("run/redis.pid");
        Path stopper = sandbox.dir.resolve("stopped-by");
        DaemonController controller = sandbox.build(sandbox.controller(redis.daemonizingCommand(pidFile))
                .user("nobody")
                .pidFile(pidFile)
                .logFile(redis.logFile())
                .stopCommand("echo \"$(id -u) $HOME $USER\" > " + TestDaemonCommand.shellQuote(stopper.toString())
                        + "; kill $(cat " + TestDaemonCommand.shellQuote(pidFile.toString()) + ")"));

        controller.start();

        long daemon = controller.pid().orElseThrow();
        assertThat(statusLine(daemon, "Uid")).first().isEqualTo(NOBODY);
        assertThat(owner(pidFile.getParent())).isEqualTo(65534);
        assertThat(owner(pidFile)).isEqualTo(65534);
        controller.stop();
        assertThat(TestProcesses.isAlive(daemon)).isFalse();
        assertThat(Sandbox.read(stopper)).isEqualTo("65534 /nonexistent nobody\n");
        assertThat(sandbox.leftovers()).isEmpty();
    }

    @Test
    void anAutoPortLeavesTheDirectoryItCreatesForThePidFileToTheUserWhoseDaemonWritesIt() {
        Path pidFile = sandbox.dir.resolve("run/redis.pid");
        AutoPort port = DaemonController.builder("redis").user("nobody").pidFile(pidFile).chooseAutoPort();
        RedisServer redis = RedisServer.in(sandbox.dir, port.port());
        DaemonController controller = sandbox.build(sandbox.controller(redis.daemonizingCommand(pidFile))
                .user("nobody").pidFile(pidFile).logFile(redis.logFile()).port(port.port())
                .ping(Ping.tcp("127.0.0.1", port.port())));

        controller.start();

        assertThat(owner(pidFile.getParent())).isEqualTo(65534);
        assertThat(owner(pidFile)).isEqualTo(65534);
        assertThat(port.file()).isEqualTo(sandbox.dir.resolve("run/redis.pid.port"));
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
    }

    @Test
    void aFailedStartSaysWhichUserTheCommandRanAs() {
        DaemonController controller = sandbox.build(sandbox.controller("id -u; exit 3").user("nobody"));

        StartException failure = catchThrowableOfType(controller::start, StartException.class);

        assertThat(failure.commandOutput()).isEqualTo("65534");
        assertThat(failure).hasMessageContaining("Start command: id -u; exit 3 (as user nobody (uid 65534, gid 65534))");
    }

    @Test
    void namingThisJvmsOwnUserRunsTheCommandsAsItWithoutSwitching() {
        RedisServer redis = RedisServer.in(sandbox.dir, sandbox.port);
        DaemonController controller = sandbox.build(sandbox.controller(redis.foregroundCommand()).user("root")
                .daemonizeForMe(true));

        controller.start();

        assertThat(statusLine(controller.pid().orElseThrow(), "Uid")).first().isEqualTo("0");
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
        command.addAll(TestDaemonCommand.javaCommand(readableClasses().toString()));
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

    /** The core's classes and the probe, copied into the sandbox, where every user may read them. */
    private Path readableClasses() throws IOException, URISyntaxException {
        Path copy = sandbox.dir.resolve("classes");
        Path classes = classDirectory(DaemonController.class);
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, copy.resolve(classes.relativize(file).toString()));
            }
        }
        String probe = UserOptionProbe.class.getName().replace('.', '/') + ".class";
        Files.copy(classDirectory(UserOptionProbe.class).resolve(probe), copy.resolve(probe));
        return copy;
    }

    private static Path classDirectory(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
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
            throw new UncheckedIOException(ex);
        }
    }
}
