package io.daemoncontroller.boot.autoconfigure;

/**
 * Thrown at startup when a {@code daemon-controller} property has a value that cannot work, or a required one is
 * missing. Names the full property path, the value, the problem and the accepted values.
 *
 * @since 0.1.0
 */
public class InvalidDaemonPropertyException extends RuntimeException {

    private final String property;
    private final Object value;
    private final String problem;
    private final String accepted;

    InvalidDaemonPropertyException(String property, Object value, String problem, String accepted) {
        super(property + (value == null ? " is not set" : " = \"" + value + "\"") + ": " + problem + ". Accepted: "
                + accepted);
        this.property = property;
        this.value = value;
        this.problem = problem;
        this.accepted = accepted;
    }

    /** The full property path, such as {@code daemon-controller.daemons.search.ping}. */
    public String property() {
        return property;
    }

    /** The configured value; {@code null} when the property is missing. */
    public Object value() {
        return value;
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
