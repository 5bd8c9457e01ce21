package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad or missing {@code daemon-controller} property: its full path, its value, the problem, the fix. */
class InvalidDaemonPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDaemonPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDaemonPropertyException cause) {
        return new FailureAnalysis(InvalidPropertyReport.description(cause.property(), cause.value(), null,
                cause.problem()),
                InvalidPropertyReport.action(cause.property(), cause.accepted()), cause);
    }
}
