package io.daemoncontroller.boot.dependency;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.daemoncontroller.boot.DaemonDependency;
import org.springframework.aop.ClassFilter;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Matches the classes that carry a {@link DaemonDependency}: on themselves, a superclass or an interface, or on a
 * method declared by any of them. Reads each method's declared annotations once, so that a class without one (most
 * beans of an application) is rejected before the pointcut's method matcher searches each of its methods'
 * hierarchy, which in a cold JVM costs tens of milliseconds over an application's beans; takes the methods from
 * Spring's cache of them, which its own annotation processing has filled for each bean. Remembers each class's
 * answer: the auto-proxy creator asks for every bean it creates, then {@link DaemonDependencyCheck} for every bean.
 * Spring's own classes are rejected by their name: an application annotates its own classes and interfaces, and
 * Spring's proxies of them are named after them ({@code $$SpringCGLIB$$}) or are JDK proxies. Most beans of an
 * application are Spring's, auto-configuration classes among them, whose methods' annotations reflection would
 * otherwise parse for this filter alone (about 10 ms of a web application's startup on a slow 2-core VM).
 */
final class DaemonDependencyClassFilter implements ClassFilter {

    private static final String SPRING_PACKAGE = "org.springframework.";

    private final Map<Class<?>, Boolean> matches = new ConcurrentHashMap<>();

    @Override
    public boolean matches(Class<?> type) {
        Boolean matched = matches.get(type);
        if (matched == null) {
            matched = carriesDependency(type);
            matches.put(type, matched);
        }
        return matched;
    }

    private static boolean carriesDependency(Class<?> type) {
        if (type.getName().startsWith(SPRING_PACKAGE)
                || !AnnotationUtils.isCandidateClass(type, DaemonDependency.class)) {
            return false;
        }
        if (MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).isPresent(DaemonDependency.class)) {
            return true;
        }
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            if (declaresAnnotatedMethod(current)) {
                return true;
            }
        }
        for (Class<?> implemented : ClassUtils.getAllInterfacesForClassAsSet(type)) {
            if (declaresAnnotatedMethod(implemented)) {
                return true;
            }
        }
        return false;
    }

    private static boolean declaresAnnotatedMethod(Class<?> type) {
        for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
            if (method.isAnnotationPresent(DaemonDependency.class)) {
                return true;
            }
        }
        return false;
    }
}
