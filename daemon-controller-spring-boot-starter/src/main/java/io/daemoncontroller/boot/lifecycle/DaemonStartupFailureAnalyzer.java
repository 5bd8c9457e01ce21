package io.daemoncontroller.boot.lifecycle;

import java.util.Map;

import io.daemoncontroller.StartException;
import io.daemoncontroller.StartTimeoutException;
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
        String log = daemon.controller().logFile().map(file -> " and its log file " + file).orElse("");
        if (failure instanceof StartTimeoutException) {
            return "it did not answer its ping (" + daemon.controller().ping() + ") in time. Check that the ping "
                    + "matches where the daemon listens, the output above" + log + "; if it is merely slow, raise "
                    + prefix + "start-timeout (and " + prefix + "log-file-activity-timeout when it logs nothing "
                    + "for a while).";
        }
        if (failure instanceof StartException) {
            return "fix what the output above" + log + " shows; check that " + prefix + "start-command starts "
                    + "the daemon, that it writes " + daemon.controller().pidFile() + " (or set " + prefix
                    + "daemonize-for-me: true for a command that stays in the foreground), and that it then "
                    + "answers " + daemon.controller().ping() + ".";
        }
        return "fix the failure above; " + prefix + "* describes how the daemon is started.";
    }
}
