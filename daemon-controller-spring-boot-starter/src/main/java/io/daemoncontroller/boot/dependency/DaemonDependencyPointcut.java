package io.daemoncontroller.boot.dependency;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.daemoncontroller.boot.DaemonDependency;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The methods of classes annotated with {@link DaemonDependency} (on themselves, a superclass or an interface) and
 * the methods annotated with it (on themselves, or where they are declared in a superclass or an interface). Only
 * the classes {@link DaemonDependencyClassFilter} matches have their methods matched.
 */
final class DaemonDependencyPointcut extends StaticMethodMatcherPointcut {

    DaemonDependencyPointcut() {
        setClassFilter(new DaemonDependencyClassFilter());
    }

    @Override
    public boolean matches(Method method, Class<?> targetClass) {
        if (AnnotatedElementUtils.hasAnnotation(targetClass, DaemonDependency.class) || annotated(method)) {
            return true;
        }
        if (Proxy.isProxyClass(targetClass)) {
            return false;
        }
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return specific != method && annotated(specific);
    }

    private static boolean annotated(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, DaemonDependency.class);
    }
}
