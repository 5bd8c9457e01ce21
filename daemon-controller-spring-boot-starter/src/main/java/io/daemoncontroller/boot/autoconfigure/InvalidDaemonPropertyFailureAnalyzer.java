package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a bad or missing {@code daemon-controller} property: its full path, its value, where it was set, the
 * problem, the fix. Comes before Spring Boot's analyzer of the {@code InvalidConfigurationPropertyValueException}
 * it extends, which has no fix to give.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvalidDaemonPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDaemonPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDaemonPropertyException cause) {
        return new FailureAnalysis(InvalidPropertyReport.description(cause.property(), cause.value(),
                cause.getOrigin(), cause.problem()),
                InvalidPropertyReport.action(cause.property(), cause.accepted()), cause);
    }
}
