package io.daemoncontroller.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

import io.daemoncontroller.Ping;
import io.daemoncontroller.testdaemon.TestDaemonCommand;
import io.daemoncontroller.testsupport.FreePorts;
import io.daemoncontroller.testsupport.TestProcesses;

/**
 * A test daemon (the core's echo server) described as {@code daemon-controller.daemons.<name>.*} properties, with
 * its own directory and free port, and ways to look at the real process: does it answer, its pid, how often it
 * started.
 */
public final class TestDaemonProperties {

    private final String name;
    private final Path directory;
    private final int port = FreePorts.next();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private UnaryOperator<TestDaemonCommand> command = UnaryOperator.identity();
    private boolean foreground;

    private TestDaemonProperties(String name, Path directory) {
        this.name = name;
        this.directory = directory;
        set("ping", "tcp://127.0.0.1:" + port);
        set("pid-file", pidFile().toString());
        set("log-file", logFile().toString());
        set("start-timeout", "20s");
        set("stop-timeout", "10s");
    }

    /** An echo daemon named {@code name} whose files live in {@code directory}. */
    public static TestDaemonProperties echo(String name, Path directory) {
        return new TestDaemonProperties(name, directory);
    }

    public TestDaemonProperties lifecycle(String lifecycle) {
        return set("lifecycle", lifecycle);
    }

    public TestDaemonProperties set(String key, String value) {
        properties.put("daemon-controller.daemons." + name + "." + key, value);
        return this;
    }

    /**
     * Runs the daemon in the foreground, as a child of the controller ({@code daemonize-for-me}), which writes its
     * PID file and relays its output; a death then has an exit status.
     */
    public TestDaemonProperties foreground() {
        foreground = true;
        return set("daemonize-for-me", "true");
    }

    /** Adds switches to the test daemon's command line. */
    public TestDaemonProperties command(UnaryOperator<TestDaemonCommand> switches) {
        UnaryOperator<TestDaemonCommand> previous = command;
        command = daemon -> switches.apply(previous.apply(daemon));
        return this;
    }

    /** The properties, with the start command. */
    public Map<String, Object> map() {
        Map<String, Object> map = new LinkedHashMap<>(properties);
        map.put("daemon-controller.daemons." + name + ".start-command", startCommand());
        return map;
    }

    /** The properties as {@code key=value} pairs, for {@code withPropertyValues}. */
    public String[] pairs() {
        return map().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
    }

    /** The command that starts the daemon: in the background, or, after {@link #foreground()}, as itself. */
    public String startCommand() {
        TestDaemonCommand daemon = TestDaemonCommand.testDaemon().port(port).logFile(logFile()).countFile(countFile());
        return foreground ? "exec " + command.apply(daemon).foregroundShellCommand()
                : command.apply(daemon.pidFile(pidFile())).shellCommand();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path pidFile() {
        return directory.resolve(name + ".pid");
    }

    public Path logFile() {
        return directory.resolve(name + ".log");
    }

    public Path countFile() {
        return directory.resolve(name + ".count");
    }

    /** Whether the daemon accepts connections now. */
    public boolean answers() {
        try {
            return Ping.tcp("127.0.0.1", port).answers();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The pid of the live daemon, as its PID file says; empty when it does not run. */
    public OptionalLong livePid() {
        try {
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return TestProcesses.isAlive(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    /** Kills the live daemon with {@code SIGKILL}; returns its pid. */
    public long kill9() {
        long pid = livePid().orElseThrow(() -> new AssertionError(name + " does not run"));
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        return pid;
    }

    /** How many times the daemon process started, as its count file says. */
    public long starts() {
        try {
            return Files.exists(countFile()) ? Files.readAllLines(countFile()).size() : 0;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
