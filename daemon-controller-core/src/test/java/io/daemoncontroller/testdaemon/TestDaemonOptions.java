package io.daemoncontroller.testdaemon;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The switches of a {@link TestDaemon}, parsed from its command line. Every field is optional; a missing path or
 * message means the daemon does not do that thing, a missing delay means none.
 */
public final class TestDaemonOptions {

    Integer port;
    Path unixSocket;
    Path pidFile;
    Duration pidFileDelay = Duration.ZERO;
    Duration listenDelay = Duration.ZERO;
    Duration logProgressInterval;
    Path logFile;
    String logMessage;
    String stdoutMessage;
    String readyLogMessage;
    Duration readyLogDelay = Duration.ZERO;
    boolean crashBeforeListen;
    int exitStatus = 1;
    String exitBySignal;
    boolean ignoreTerm;
    Duration stopDelay = Duration.ZERO;
    Path readyFile;
    Path exitFile;
    Path countFile;
    boolean removePidFileOnExit;
    boolean reusePort;
    String greeting;

    private TestDaemonOptions() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException on an unknown switch or a switch without its value
     */
    public static TestDaemonOptions parse(String... args) {
        TestDaemonOptions options = new TestDaemonOptions();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--crash-before-listen" -> options.crashBeforeListen = true;
                case "--ignore-term" -> options.ignoreTerm = true;
                case "--remove-pid-file-on-exit" -> options.removePidFileOnExit = true;
                case "--reuse-port" -> options.reusePort = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown switch or missing value: " + name);
                    }
                    options.set(name, args[++i]);
                }
            }
        }
        return options;
    }

    private void set(String name, String value) {
        switch (name) {
            case "--port" -> port = Integer.parseInt(value);
            case "--unix-socket" -> unixSocket = Path.of(value);
            case "--pid-file" -> pidFile = Path.of(value);
            case "--pid-file-delay" -> pidFileDelay = millis(value);
            case "--listen-delay" -> listenDelay = millis(value);
            case "--log-progress-interval" -> logProgressInterval = millis(value);
            case "--log-file" -> logFile = Path.of(value);
            case "--log-message" -> logMessage = value;
            case "--stdout-message" -> stdoutMessage = value;
            case "--ready-log-message" -> readyLogMessage = value;
            case "--ready-log-delay" -> readyLogDelay = millis(value);
            case "--exit-status" -> exitStatus = Integer.parseInt(value);
            case "--exit-by-signal" -> exitBySignal = value;
            case "--stop-delay" -> stopDelay = millis(value);
            case "--ready-file" -> readyFile = Path.of(value);
            case "--exit-file" -> exitFile = Path.of(value);
            case "--count-file" -> countFile = Path.of(value);
            case "--greeting" -> greeting = value;
            default -> throw new IllegalArgumentException("unknown switch: " + name);
        }
    }

    private static Duration millis(String value) {
        return Duration.ofMillis(Long.parseLong(value));
    }
}
