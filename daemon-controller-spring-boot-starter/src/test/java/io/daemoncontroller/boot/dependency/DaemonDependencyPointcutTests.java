package io.daemoncontroller.boot.dependency;

import java.lang.reflect.Method;

import io.daemoncontroller.boot.DaemonDependency;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonDependencyPointcutTests {

    private final DaemonDependencyPointcut pointcut = new DaemonDependencyPointcut();

    @Test
    void matchesEveryMethodOfAnAnnotatedClassOrOfItsSubclasses() throws Exception {
        assertThat(pointcut.matches(method(AnnotatedClass.class, "find"), AnnotatedClass.class)).isTrue();
        assertThat(pointcut.matches(method(AnnotatedClass.class, "find"), SubclassOfAnnotatedClass.class)).isTrue();
    }

    @Test
    void matchesOnlyTheAnnotatedMethodsOfAClassThatIsNotAnnotated() throws Exception {
        assertThat(pointcut.matches(method(AnnotatedMethod.class, "find"), AnnotatedMethod.class)).isTrue();
        assertThat(pointcut.matches(method(AnnotatedMethod.class, "other"), AnnotatedMethod.class)).isFalse();
    }

    @Test
    void matchesAMethodAnnotatedWhereAnInterfaceDeclaresIt() throws Exception {
        assertThat(pointcut.matches(method(InterfaceWithAnnotatedMethod.class, "find"),
                ImplementsInterfaceWithAnnotatedMethod.class)).isTrue();
        assertThat(pointcut.matches(method(ImplementsInterfaceWithAnnotatedMethod.class, "find"),
                ImplementsInterfaceWithAnnotatedMethod.class)).isTrue();
    }

    @Test
    void matchesAMethodAnnotatedInTheTargetClassWhenCalledThroughAnInterface() throws Exception {
        assertThat(pointcut.matches(method(PlainInterface.class, "find"), AnnotatedImplementation.class)).isTrue();
    }

    private static Method method(Class<?> type, String name) throws NoSuchMethodException {
        return type.getDeclaredMethod(name);
    }

    @DaemonDependency("search")
    static class AnnotatedClass {

        void find() {
        }
    }

    static class SubclassOfAnnotatedClass extends AnnotatedClass {
    }

    static class AnnotatedMethod {

        @DaemonDependency("search")
        void find() {
        }

        void other() {
        }
    }

    interface InterfaceWithAnnotatedMethod {

        @DaemonDependency("search")
        void find();
    }

    static class ImplementsInterfaceWithAnnotatedMethod implements InterfaceWithAnnotatedMethod {

        @Override
        public void find() {
        }
    }

    interface PlainInterface {

        void find();
    }

    static class AnnotatedImplementation implements PlainInterface {

        @Override
        @DaemonDependency("search")
        public void find() {
        }
    }
}
