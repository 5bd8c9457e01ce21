package io.daemoncontroller.boot.dependency;

import io.daemoncontroller.boot.DaemonDependency;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonDependencyClassFilterTests {

    private final DaemonDependencyClassFilter filter = new DaemonDependencyClassFilter();

    @Test
    void matchesAClassAnnotatedItselfOrThroughASuperclassOrAnInterface() {
        assertThat(filter.matches(AnnotatedClass.class)).isTrue();
        assertThat(filter.matches(SubclassOfAnnotatedClass.class)).isTrue();
        assertThat(filter.matches(ImplementsAnnotatedInterface.class)).isTrue();
    }

    @Test
    void matchesAClassWithAnAnnotatedMethodOfItsOwnOfASuperclassOrOfAnInterface() {
        assertThat(filter.matches(AnnotatedMethod.class)).isTrue();
        assertThat(filter.matches(SubclassOfAnnotatedMethod.class)).isTrue();
        assertThat(filter.matches(ImplementsInterfaceWithAnnotatedMethod.class)).isTrue();
    }

    @Test
    void rejectsAClassWithoutTheAnnotationAnywhere() {
        assertThat(filter.matches(Plain.class)).isFalse();
        assertThat(filter.matches(String.class)).isFalse();
    }

    @Test
    void leavesTheAdvisorAdvisingTheMethodsOfTheClassesItMatches() {
        DaemonDependencyAdvisor advisor = new DaemonDependencyAdvisor(new DaemonDependencyInterceptor(null));
        assertThat(AopUtils.canApply(advisor, AnnotatedClass.class)).isTrue();
        assertThat(AopUtils.canApply(advisor, SubclassOfAnnotatedMethod.class)).isTrue();
        assertThat(AopUtils.canApply(advisor, ImplementsInterfaceWithAnnotatedMethod.class)).isTrue();
        assertThat(AopUtils.canApply(advisor, Plain.class)).isFalse();
    }

    @DaemonDependency("search")
    static class AnnotatedClass {
    }

    static class SubclassOfAnnotatedClass extends AnnotatedClass {
    }

    @DaemonDependency("search")
    interface AnnotatedInterface {
    }

    static class ImplementsAnnotatedInterface implements AnnotatedInterface {
    }

    static class AnnotatedMethod {

        @DaemonDependency("search")
        void find() {
        }
    }

    static class SubclassOfAnnotatedMethod extends AnnotatedMethod {
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

    static class Plain {

        void find() {
        }
    }
}
