package io.daemoncontroller.boot.dependency;

import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * Applies the {@link DaemonDependencyInterceptor} to the methods of classes annotated with
 * {@link io.daemoncontroller.boot.DaemonDependency} and to methods annotated with it
 * ({@link DaemonDependencyPointcut}). Ordered before advisors at the default order (such
 * as {@code @Transactional}'s), so that a call retried after a start goes through them again.
 */
final class DaemonDependencyAdvisor extends AbstractPointcutAdvisor {

    private final Pointcut pointcut = new DaemonDependencyPointcut();

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
