package io.daemoncontroller.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.util.ClassUtils;

/**
 * Reports a {@code daemon-controller} value that cannot be converted (an unknown lifecycle or restart policy, a
 * bad duration, ping or class name, a number or boolean that is not one) with where it was set and the accepted
 * values. Comes before Spring Boot's own analyzer of bind failures, which does not say what a duration looks like;
 * leaves other bind failures to it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class DaemonPropertyBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    private static final String EXCEPTION_CLASS = "the fully qualified name of an exception class on the classpath, "
            + "such as redis.clients.jedis.exceptions.JedisConnectionException";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        String property = cause.getName().toString();
        if (!property.startsWith(DaemonDefinition.PREFIX) || cause.getProperty() == null) {
            return null;
        }
        Class<?> type = valueType(cause.getTarget().getType());
        String accepted = accepted(type);
        if (accepted == null) {
            return null;
        }
        return new FailureAnalysis(InvalidPropertyReport.description(property, cause.getProperty().getValue(),
                cause.getProperty().getOrigin(), problem(type, cause, accepted)),
                InvalidPropertyReport.action(property, accepted), cause);
    }

    /** The type of the value, or of each element of a list. */
    private static Class<?> valueType(ResolvableType target) {
        ResolvableType collection = target.asCollection();
        return (collection != ResolvableType.NONE ? collection.getGeneric(0) : target).resolve(Object.class);
    }

    private static String problem(Class<?> type, BindException cause, String accepted) {
        if (type == PingProperty.class) {
            return NestedExceptionUtils.getMostSpecificCause(cause).getMessage();
        }
        if (type == Class.class) {
            return "no such class on the classpath";
        }
        return "it is not " + accepted;
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
        if (type == PingProperty.class) {
            return PingProperty.ACCEPTED;
        }
        if (type == Class.class) {
            return EXCEPTION_CLASS;
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
