package io.daemoncontroller.boot.dependency;

import io.daemoncontroller.boot.DaemonDependency;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.core.Ordered;

/**
 * Applies the {@link DaemonDependencyInterceptor} to the methods of classes annotated with
 * {@link DaemonDependency} and to methods annotated with it. Ordered before advisors at the default order (such
 * as {@code @Transactional}'s), so that a call retried after a start goes through them again. Only the classes
 * {@link DaemonDependencyClassFilter} matches have their methods matched one by one.
 */
final class DaemonDependencyAdvisor extends AbstractPointcutAdvisor {

    private final Pointcut pointcut = new ComposablePointcut(DaemonDependencyClassFilter.INSTANCE,
            new ComposablePointcut(new AnnotationMatchingPointcut(DaemonDependency.class, true))
                    .union(new AnnotationMatchingPointcut(null, DaemonDependency.class, true)).getMethodMatcher());

    private final transient Advice advice;

    DaemonDependencyAdvisor(DaemonDependencyInterceptor interceptor) {
        this.advice = interceptor;
        setOrder(Ordered.LOWEST_PRECEDENCE - 1000);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }
}
