package io.daemoncontroller.boot.connection;

import org.springframework.util.ClassUtils;

/**
 * The check each factory here makes when it is created: the Boot module (and client library) whose connection
 * details it makes must be on the classpath. These modules are optional; without one, {@code SpringFactoriesLoader}
 * skips the factory whose constructor refused, rather than Boot's {@code ConnectionDetailsFactories} failing on the
 * missing type when it reads the factory's generic types.
 */
final class RequiredClasses {

    private RequiredClasses() {
    }

    /**
     * @throws IllegalStateException naming the first of {@code classNames} that {@code factory}'s class loader
     *         cannot load
     */
    static void check(Class<?> factory, String... classNames) {
        for (String className : classNames) {
            if (!ClassUtils.isPresent(className, factory.getClassLoader())) {
                throw new IllegalStateException(factory.getSimpleName() + " needs " + className
                        + ", which is not on the classpath");
            }
        }
    }
}
