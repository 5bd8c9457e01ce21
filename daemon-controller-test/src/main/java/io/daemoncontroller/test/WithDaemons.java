package io.daemoncontroller.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the test class's {@link Daemon @Daemon} fields before its tests and stops them after, or, for
 * {@link DaemonScope#JVM}, once for every test class of the JVM and stopped when the JVM exits. The counterpart of
 * Testcontainers' {@code @Testcontainers}.
 *
 * @since 0.2.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DaemonExtension.class)
public @interface WithDaemons {
}
