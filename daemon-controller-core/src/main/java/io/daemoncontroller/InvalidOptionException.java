package io.daemoncontroller;

import java.util.Optional;

/**
 * Thrown by {@link DaemonController.Builder} for an option that is missing or has a value that cannot work. Carries
 * the daemon's identifier, the option's name (as the builder's method names it, such as {@code stopTimeout}), the
 * value, what is wrong and what to use instead, so a caller can report the fault in its own terms. The message says
 * all of it.
 */
public class InvalidOptionException extends IllegalArgumentException {

    private final String identifier;
    private final String option;
    private final transient Object value;
    private final String problem;
    private final String fix;
    private final String conflictingOption;

    InvalidOptionException(String identifier, String option, Object value, String problem, String fix) {
        this(identifier, option, value, problem, fix, null);
    }

    InvalidOptionException(String identifier, String option, Object value, String problem, String fix,
            String conflictingOption) {
        super(identifier + ": " + option + (value == null ? "" : value instanceof String ? " \"" + value + "\""
                : " " + value) + " " + problem + "; use " + fix);
        this.identifier = identifier;
        this.option = option;
        this.value = value;
        this.problem = problem;
        this.fix = fix;
        this.conflictingOption = conflictingOption;
    }

    /** The identifier of the daemon being built. */
    public String identifier() {
        return identifier;
    }

    /** The builder's name of the option at fault, such as {@code stopTimeout}. */
    public String option() {
        return option;
    }

    /** The refused value; {@code null} when a required option is missing. */
    public Object value() {
        return value;
    }

    /** What is wrong with the value, such as {@code must be a positive duration}. */
    public String problem() {
        return problem;
    }

    /** What to use instead, such as {@code a duration longer than zero}. */
    public String fix() {
        return fix;
    }

    /**
     * The other option that the value conflicts with, when only the two together are wrong (such as
     * {@code maxRestartDelay} for a {@code restartDelay} longer than it); either may be the one to change.
     */
    public Optional<String> conflictingOption() {
        return Optional.ofNullable(conflictingOption);
    }
}
