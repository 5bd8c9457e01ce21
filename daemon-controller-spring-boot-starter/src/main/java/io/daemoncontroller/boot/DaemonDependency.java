package io.daemoncontroller.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean class or method as using the named daemons. When a call fails because it cannot connect (a
 * connection failure anywhere in the cause chain, as the daemon's controller and its {@code connect-failures}
 * recognize it), each named daemon that does not run is started, once however many callers fail at the same time,
 * and the call is retried under {@code daemon-controller.dependency-retry}. A call that succeeds costs no ping and
 * no lock. An annotation on a method replaces the one on its class.
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface DaemonDependency {

    /** The names of the daemons, as under {@code daemon-controller.daemons}. */
    String[] value();
}
