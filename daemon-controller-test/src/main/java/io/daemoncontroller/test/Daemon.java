package io.daemoncontroller.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.daemoncontroller.DaemonController} field of a {@link WithDaemons @WithDaemons} test class as a
 * daemon to start before the class's tests: a static field, or an instance field of a class whose test instance
 * lives for the whole class ({@code @TestInstance(PER_CLASS)}). The field holds the controller, built with
 * {@link io.daemoncontroller.DaemonController#builder(String)}, when the class's tests begin; or the builder
 * itself, the daemon's definition, which the extension builds then and closes when the daemon's scope ends. The
 * counterpart of Testcontainers' {@code @Container}.
 *
 * @since 0.2.0
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Daemon {

    /** How long the daemon runs: for the test class (the default), or for every test class of the JVM. */
    DaemonScope scope() default DaemonScope.CLASS;
}
