package io.daemoncontroller.boot.dependency;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes a {@link io.daemoncontroller.boot.DaemonDependency} call and, when it fails, hands it to the
 * {@link DaemonDependencyRecovery}. A call that succeeds costs a copy of the invocation, kept pristine to make the
 * call again: no ping, no lock, no lookup.
 */
final class DaemonDependencyInterceptor implements MethodInterceptor {

    private final ObjectProvider<DaemonDependencyRecovery> recovery;

    /** {@code recovery} is looked up on the first failure: advisors are created too early to depend on beans. */
    DaemonDependencyInterceptor(ObjectProvider<DaemonDependencyRecovery> recovery) {
        this.recovery = recovery;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        ProxyMethodInvocation pristine = (ProxyMethodInvocation) invocation;
        try {
            return pristine.invocableClone().proceed();
        } catch (Throwable failure) {
            return recovery.getObject().recover(pristine, failure);
        }
    }
}
