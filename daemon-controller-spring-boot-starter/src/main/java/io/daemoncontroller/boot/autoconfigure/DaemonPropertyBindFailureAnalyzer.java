package io.daemoncontroller.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Reports a {@code daemon-controller} value that cannot be converted (an unknown lifecycle or restart policy, a
 * bad duration, a number or boolean that is not one) with the accepted values. Comes before Spring Boot's own
 * analyzer of bind failures, which does not say what a duration looks like; leaves other bind failures to it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DaemonPropertyBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String property = cause.getName().toString();
        if (!property.startsWith("daemon-controller.") || cause.getProperty() == null) {
            return null;
        }
        String accepted = accepted(cause.getTarget().getType().resolve(Object.class));
        if (accepted == null) {
            return null;
        }
        Object value = cause.getProperty().getValue();
        return new FailureAnalysis(InvalidPropertyReport.description(property, value,
                cause.getProperty().getOrigin(), "it is not " + accepted),
                InvalidPropertyReport.action(property, accepted), cause);
    }

    private static String accepted(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(value -> ((Enum<?>) value).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                    .collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "a duration, such as 500ms, 20s, 2m or PT20S";
        }
        if (ClassUtils.resolvePrimitiveIfNecessary(type) == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(ClassUtils.resolvePrimitiveIfNecessary(type))) {
            return "a number";
        }
        return null;
    }
}
