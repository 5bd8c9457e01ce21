package io.daemoncontroller.boot.dependency;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.daemoncontroller.boot.DaemonDependency;
import io.daemoncontroller.boot.Daemons;
import io.daemoncontroller.boot.ManagedDaemon;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The daemons a method depends on: those its {@link DaemonDependency} names, else those its class's names.
 * Rejects names of daemons that do not exist, with the names that do.
 */
final class DaemonDependencies {

    private final Daemons daemons;
    private final Map<MethodClassKey, List<ManagedDaemon>> byMethod = new ConcurrentHashMap<>();

    DaemonDependencies(Daemons daemons) {
        this.daemons = daemons;
    }

    /** The daemons {@code method}, called on an instance of {@code targetClass}, depends on. */
    List<ManagedDaemon> of(Method method, Class<?> targetClass) {
        return byMethod.computeIfAbsent(new MethodClassKey(method, targetClass), key -> {
            Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
            DaemonDependency annotation = AnnotatedElementUtils.findMergedAnnotation(specific, DaemonDependency.class);
            if (annotation == null) {
                annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, DaemonDependency.class);
            }
            return annotation == null ? List.of() : resolve(annotation, specific);
        });
    }

    /**
     * Checks every {@link DaemonDependency} on {@code type} and its methods.
     *
     * @throws IllegalStateException naming the annotated element, the unknown daemon and the known ones
     */
    void check(Class<?> type) {
        checkElement(type);
        ReflectionUtils.doWithMethods(type, this::checkElement,
                method -> AnnotatedElementUtils.hasAnnotation(method, DaemonDependency.class));
    }

    private void checkElement(AnnotatedElement element) {
        DaemonDependency annotation = AnnotatedElementUtils.findMergedAnnotation(element, DaemonDependency.class);
        if (annotation != null) {
            resolve(annotation, element);
        }
    }

    private List<ManagedDaemon> resolve(DaemonDependency annotation, AnnotatedElement element) {
        return Arrays.stream(annotation.value()).map(name -> daemons.find(name).orElseThrow(() ->
                new IllegalStateException("@DaemonDependency(\"" + name + "\") on " + element + " names no daemon; "
                        + "the daemons are " + daemons.all().stream().map(ManagedDaemon::name).toList()
                        + ". Fix the name, or describe the daemon under daemon-controller.daemons." + name)))
                .toList();
    }
}
