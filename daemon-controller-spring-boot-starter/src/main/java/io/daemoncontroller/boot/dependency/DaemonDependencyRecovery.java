package io.daemoncontroller.boot.dependency;

import java.util.List;

import io.daemoncontroller.boot.DaemonOperationEvent.Trigger;
import io.daemoncontroller.boot.ManagedDaemon;
import io.daemoncontroller.boot.autoconfigure.DaemonControllerProperties.DependencyRetry;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * What a {@link io.daemoncontroller.boot.DaemonDependency} call does when it failed: if the failure means it could not connect to one of
 * its daemons, starts those that do not run (once, however many callers fail at the same time: the controller's
 * lock serializes the starts, and those after the first find the daemon running) and makes the call again, under
 * a bounded retry policy, while it still cannot connect.
 */
final class DaemonDependencyRecovery {

    private final DaemonDependencies dependencies;
    private final DependencyRetry retry;

    /** @throws IllegalStateException when the retry settings are invalid */
    DaemonDependencyRecovery(DaemonDependencies dependencies, DependencyRetry retry) {
        this.dependencies = dependencies;
        this.retry = retry;
        policy(List.of());
    }

    /**
     * Recovers {@code invocation}, which failed with {@code failure}.
     *
     * @param invocation the call, as it was before it proceeded, so that it can be made again
     * @return what the call returns once it succeeds
     * @throws Throwable {@code failure} when it is no connection failure, else the last failure
     */
    Object recover(ProxyMethodInvocation invocation, Throwable failure) throws Throwable {
        List<ManagedDaemon> unreachable = dependencies.of(invocation.getMethod(), targetClass(invocation)).stream()
                .filter(daemon -> daemon.lifecycle().isControlled() && daemon.controller().isConnectFailure(failure))
                .toList();
        if (unreachable.isEmpty()) {
            throw failure;
        }
        try {
            return new RetryTemplate(policy(unreachable)).execute(() -> {
                unreachable.forEach(daemon -> daemon.start(Trigger.CONNECT_FAILURE));
                return invocation.invocableClone().proceed();
            });
        } catch (RetryException ex) {
            throw ex.getCause();
        }
    }

    private static Class<?> targetClass(MethodInvocation invocation) {
        return invocation.getThis() != null ? AopUtils.getTargetClass(invocation.getThis())
                : invocation.getMethod().getDeclaringClass();
    }

    private RetryPolicy policy(List<ManagedDaemon> unreachable) {
        try {
            return RetryPolicy.builder()
                    .maxRetries(retry.getMaxRetries())
                    .delay(retry.getDelay())
                    .multiplier(retry.getMultiplier())
                    .maxDelay(retry.getMaxDelay())
                    .predicate(failure -> unreachable.stream()
                            .anyMatch(daemon -> daemon.controller().isConnectFailure(failure)))
                    .build();
        } catch (IllegalArgumentException | IllegalStateException ex) {
            throw new IllegalStateException("Invalid daemon-controller.dependency-retry: " + ex.getMessage()
                    + " Set max-retries to 0 or more, delay to 0 or more, multiplier to 1 or more and max-delay to "
                    + "at least delay", ex);
        }
    }
}
