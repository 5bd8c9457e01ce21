package io.daemoncontroller.testdaemon;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the command lines that run a {@link TestDaemon}: {@link #shellCommand()} daemonizes it from a shell
 * ({@code setsid ... &}, output to {@code /dev/null}) the way a real daemon's start script does, and
 * {@link #foregroundCommand()} runs it in the foreground, for {@code daemonizeForMe}. Each switch method adds the
 * {@link TestDaemon} switch of the same name.
 * <p>
 * Every JVM launched this way carries {@link #markerArgument()}, naming the test JVM that built the command, so
 * that leftover test daemons can be found and killed.
 */
public final class TestDaemonCommand {

    /** The system property that marks a test daemon's JVM; its value is the {@link #owner()}. */
    public static final String MARKER_PROPERTY = "daemon-controller-test-daemon";

    /** Set on child JVMs so that the daemons they launch carry their parent test JVM's marker. */
    public static final String OWNER_PROPERTY = "daemon-controller-test-owner";

    /** JVM flags that make a small JVM start fast. */
    public static final List<String> FAST_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto", "-Xmx64m", "-XX:-UsePerfData");

    private final List<String> switches = new ArrayList<>();
    private String messageBeforeDaemonizing;

    private TestDaemonCommand() {
    }

    /** A test daemon with no switches: it runs, listens nowhere and waits for {@code SIGTERM}. */
    public static TestDaemonCommand testDaemon() {
        return new TestDaemonCommand();
    }

    public TestDaemonCommand port(int port) {
        return with("--port", Integer.toString(port));
    }

    /** {@code --port} as written, such as a placeholder that the configuration resolves to a port. */
    public TestDaemonCommand port(String port) {
        return with("--port", port);
    }

    public TestDaemonCommand unixSocket(Path socket) {
        return with("--unix-socket", socket.toString());
    }

    public TestDaemonCommand pidFile(Path pidFile) {
        return with("--pid-file", pidFile.toString());
    }

    public TestDaemonCommand pidFileDelay(Duration delay) {
        return with("--pid-file-delay", Long.toString(delay.toMillis()));
    }

    public TestDaemonCommand listenDelay(Duration delay) {
        return with("--listen-delay", Long.toString(delay.toMillis()));
    }

    public TestDaemonCommand logProgressInterval(Duration interval) {
        return with("--log-progress-interval", Long.toString(interval.toMillis()));
    }

    public TestDaemonCommand logFile(Path logFile) {
        return with("--log-file", logFile.toString());
    }

    public TestDaemonCommand logMessage(String message) {
        return with("--log-message", message);
    }

    public TestDaemonCommand readyLogMessage(String message, Duration delay) {
        return with("--ready-log-message", message).with("--ready-log-delay", Long.toString(delay.toMillis()));
    }

    public TestDaemonCommand stdoutMessage(String message) {
        return with("--stdout-message", message);
    }

    public TestDaemonCommand crashBeforeListen(int exitStatus) {
        return with("--crash-before-listen").with("--exit-status", Integer.toString(exitStatus));
    }

    public TestDaemonCommand exitBySignal(String signal) {
        return with("--exit-by-signal", signal);
    }

    public TestDaemonCommand ignoreTerm() {
        return with("--ignore-term");
    }

    public TestDaemonCommand stopDelay(Duration delay) {
        return with("--stop-delay", Long.toString(delay.toMillis()));
    }

    public TestDaemonCommand readyFile(Path readyFile) {
        return with("--ready-file", readyFile.toString());
    }

    public TestDaemonCommand exitFile(Path exitFile) {
        return with("--exit-file", exitFile.toString());
    }

    public TestDaemonCommand countFile(Path countFile) {
        return with("--count-file", countFile.toString());
    }

    public TestDaemonCommand removePidFileOnExit() {
        return with("--remove-pid-file-on-exit");
    }

    /** Binds the TCP port with {@code SO_REUSEPORT}, so that several daemons can listen on it together. */
    public TestDaemonCommand reusePort() {
        return with("--reuse-port");
    }

    /** Makes the daemon write {@code greeting} as a line to each TCP connection it accepts, before echoing. */
    public TestDaemonCommand greeting(String greeting) {
        return with("--greeting", greeting);
    }

    /** Makes {@link #shellCommand()} print {@code message} to stdout before it daemonizes the daemon. */
    public TestDaemonCommand messageBeforeDaemonizing(String message) {
        this.messageBeforeDaemonizing = message;
        return this;
    }

    /** The switches added so far, as {@link TestDaemon} takes them. */
    public List<String> switches() {
        return List.copyOf(switches);
    }

    /** The command that runs the daemon in the foreground, without a shell. */
    public List<String> foregroundCommand() {
        List<String> command = new ArrayList<>(javaCommand(testDaemonClassPath()));
        command.add(TestDaemon.class.getName());
        command.addAll(switches);
        return command;
    }

    /** {@link #foregroundCommand()} as one shell command line. */
    public String foregroundShellCommand() {
        return foregroundCommand().stream().map(TestDaemonCommand::shellQuote).collect(Collectors.joining(" "));
    }

    /**
     * A shell command line that starts the daemon in the background in a session of its own and returns at once:
     * {@code [echo message;] setsid java ... TestDaemon <switches> >/dev/null 2>&1 </dev/null &}.
     */
    public String shellCommand() {
        String echo = messageBeforeDaemonizing == null ? "" : "echo " + shellQuote(messageBeforeDaemonizing) + "; ";
        return echo + "setsid " + foregroundShellCommand() + " >/dev/null 2>&1 </dev/null &";
    }

    /**
     * {@code java} with {@link #FAST_JVM_FLAGS}, this test JVM's marker and owner, and {@code classPath}: the start
     * of a command line for any child JVM a test launches.
     */
    public static List<String> javaCommand(String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FAST_JVM_FLAGS);
        command.add(markerArgument());
        command.add("-D" + OWNER_PROPERTY + "=" + owner());
        command.add("-cp");
        command.add(classPath);
        return command;
    }

    /** {@code -Ddaemon-controller-test-daemon=<owner>}: the argument that marks this test JVM's test daemons. */
    public static String markerArgument() {
        return "-D" + MARKER_PROPERTY + "=" + owner();
    }

    /** The test JVM whose test daemons these are: its pid, or the owner it was given as a child JVM. */
    public static String owner() {
        return System.getProperty(OWNER_PROPERTY, Long.toString(ProcessHandle.current().pid()));
    }

    /** {@code text} quoted for a POSIX shell. */
    public static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static String testDaemonClassPath() {
        try {
            return Path.of(TestDaemon.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private TestDaemonCommand with(String... arguments) {
        switches.addAll(List.of(arguments));
        return this;
    }
}
