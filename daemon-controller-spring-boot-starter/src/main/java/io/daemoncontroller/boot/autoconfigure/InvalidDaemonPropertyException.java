package io.daemoncontroller.boot.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginProvider;

/**
 * Thrown at startup when a {@code daemon-controller} property has a value that cannot work, or a required one is
 * missing. Names the full property path, the value, where it was set, the problem and the accepted values.
 *
 * @since 0.1.0
 */
public class InvalidDaemonPropertyException extends InvalidConfigurationPropertyValueException
        implements OriginProvider {

    private final transient Origin origin;
    private final String problem;
    private final String accepted;

    InvalidDaemonPropertyException(String property, Object value, Origin origin, String problem, String accepted,
            Throwable cause) {
        super(property, value, problem + ". Accepted: " + accepted, cause);
        this.origin = origin;
        this.problem = problem;
        this.accepted = accepted;
    }

    /** The full property path, such as {@code daemon-controller.daemons.search.ping}. */
    public String property() {
        return getName();
    }

    /** The configured value; {@code null} when the property is missing. */
    public Object value() {
        return getValue();
    }

    /** Where the value was set, such as {@code class path resource [application.yml] - 12:14}; may be null. */
    @Override
    public Origin getOrigin() {
        return origin;
    }

    /** What is wrong with the value. */
    public String problem() {
        return problem;
    }

    /** The values the property accepts. */
    public String accepted() {
        return accepted;
    }
}
