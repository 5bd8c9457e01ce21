package io.daemoncontroller.boot.lifecycle;

import java.util.Map;

import io.daemoncontroller.StartException;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports daemons that failed to start with the application: for each, what happened, with the start command's
 * output and the daemon's new log lines, and what to do.
 */
class DaemonStartupFailureAnalyzer extends AbstractFailureAnalyzer<DaemonStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DaemonStartupException cause) {
        StringBuilder description = new StringBuilder();
        StringBuilder action = new StringBuilder();
        for (Map.Entry<ManagedDaemon, RuntimeException> failure : cause.failures().entrySet()) {
            ManagedDaemon daemon = failure.getKey();
            description.append("Daemon '").append(daemon.name()).append("' (lifecycle ")
                    .append(daemon.lifecycle().configValue()).append(") failed to start:\n\n")
                    .append(failure.getValue().getMessage()).append("\n\n");
            action.append("For daemon '").append(daemon.name()).append("': ")
                    .append(action(daemon, failure.getValue())).append("\n");
        }
        action.append("To start the application without waiting for a daemon, set "
                + "daemon-controller.daemons.<name>.lifecycle to on-demand: it then starts on first use.");
        return new FailureAnalysis(description.toString().strip(), action.toString(), cause);
    }

    private static String action(ManagedDaemon daemon, RuntimeException failure) {
        String prefix = "daemon-controller.daemons." + daemon.name() + ".";
        if (!(failure instanceof StartException start)) {
            return "fix the failure above; " + prefix + "* describes how the daemon is started.";
        }
        String log = daemon.controller().logFile().map(file -> " and its log file " + file).orElse("");
        String pidFile = daemon.controller().pidFile().toString();
        String ping = daemon.controller().ping().toString();
        return switch (start.reason()) {
            case COMMAND_DID_NOT_EXIT -> "its start command stays in the foreground: set " + prefix
                    + "daemonize-for-me: true, so that the controller runs it in the background and writes its PID"
                    + " file; or, if the command merely takes long to exit, raise " + prefix + "start-timeout.";
            case PID_FILE_MISMATCH -> "it answers " + ping + ", but " + pidFile + " names no running process: the"
                    + " daemon writes its PID file somewhere else. Set " + prefix + "pid-file to the file the daemon"
                    + " writes (its own pidfile setting), or make the daemon write " + pidFile + ".";
            case PID_FILE_MISSING -> "it neither wrote " + pidFile + " nor answered " + ping + ". Check the output"
                    + " above" + log + ", and that the daemon writes " + pidFile + "; if it is merely slow, raise "
                    + prefix + "start-timeout.";
            case NOT_ANSWERING -> "it runs, but did not answer " + ping + " in time. Check that " + prefix
                    + "ping matches where the daemon listens, and the output above" + log + "; if it is merely slow,"
                    + " raise " + prefix + "start-timeout.";
            case READY_LOG_LINE_NOT_SEEN -> "it runs and answers " + ping + ", but did not log a line matching "
                    + prefix + "ready-log-line" + log + " in time. Check the pattern against what the daemon logs"
                    + " when it is ready; if it is merely slow, raise " + prefix + "start-timeout.";
            case LOG_IDLE -> "it wrote nothing to its log file for a while and was not ready. If it is merely quiet"
                    + " while it starts, raise " + prefix + "log-file-activity-timeout.";
            case PING_FAILED -> "its ping " + ping + " failed with an error: fix " + prefix + "ping.";
            case BEFORE_START_FAILED -> "its before-start step failed: see the failure above.";
            case COMMAND_NOT_RUN -> "its start command could not be run: check " + prefix + "start-command and "
                    + prefix + "working-directory.";
            case COMMAND_FAILED, DAEMON_EXITED, EVERY_PROCESS_EXITED, PID_FILE_LOST -> "fix what the output above"
                    + log + " shows; check that " + prefix + "start-command starts the daemon, that it writes "
                    + pidFile + " (or set " + prefix + "daemonize-for-me: true for a command that stays in the"
                    + " foreground), and that it then answers " + ping + ".";
        };
    }
}
