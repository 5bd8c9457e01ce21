package io.daemoncontroller;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.regex.Pattern;

/**
 * Everything a {@link DaemonController} was built with, validated, with paths made absolute. {@code runAs} is
 * {@code null} when the commands run as this JVM's user; {@code logRotation} is {@code null} when the log file is not
 * rotated; {@code beforeStart} is {@code null} when nothing runs before a start; {@code readyLogLine} is {@code null}
 * when the daemon's log does not take part in its readiness; {@code livenessInterval} is {@code null} when liveness
 * is not checked, and {@code livenessPing} is then the ping bounded by the liveness timeout, if one was given.
 */
record DaemonSpec(
        String identifier,
        CommandLine startCommand,
        CommandLine stopCommand,
        CommandLine restartCommand,
        Ping ping,
        Pattern readyLogLine,
        Path pidFile,
        Path logFile,
        LogRotation logRotation,
        Path lockFile,
        Runnable beforeStart,
        Duration startTimeout,
        Duration startAbortTimeout,
        Duration stopTimeout,
        Duration logFileActivityTimeout,
        Duration pingInterval,
        String stopSignal,
        boolean dontStopIfPidFileInvalid,
        boolean daemonizeForMe,
        Map<String, String> environment,
        Path workingDirectory,
        RunAs runAs,
        String loggerName,
        ConnectFailures connectFailures,
        RestartPolicy restartPolicy,
        Duration restartDelay,
        Duration maxRestartDelay,
        int maxRestarts,
        Duration restartWindow,
        Duration livenessInterval,
        Ping livenessPing,
        int livenessFailureThreshold,
        ThreadFactory threadFactory) {

    /** How many files the log file is rotated to: 0 when it is not. */
    int rotatedLogFiles() {
        return logRotation == null ? 0 : logRotation.rotatedFiles();
    }

    /** The factory of this controller's threads for {@code purpose}, such as {@code "supervisor"}. */
    ThreadFactory threads(String purpose) {
        if (threadFactory != null) {
            return threadFactory;
        }
        String name = "daemon-controller-" + purpose + "-" + identifier;
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
