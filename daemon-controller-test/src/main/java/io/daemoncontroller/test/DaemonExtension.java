package io.daemoncontroller.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Optional;

import io.daemoncontroller.DaemonController;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link WithDaemons}: before a test class's tests, starts its {@link Daemon @Daemon} fields
 * in the order they are declared (a superclass's first); after them, ends what it began, in reverse order.
 */
final class DaemonExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(DaemonExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ClassDaemons daemons = new ClassDaemons(testClass);
        context.getStore(NAMESPACE).put(ClassDaemons.class, daemons);
        for (Field field : AnnotationSupport.findAnnotatedFields(testClass, Daemon.class)) {
            DaemonController controller = controller(field, context);
            daemons.begin(controller, field.getAnnotation(Daemon.class).scope(), field.getName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ClassDaemons daemons = context.getStore(NAMESPACE).remove(ClassDaemons.class, ClassDaemons.class);
        if (daemons != null) {
            daemons.close();
        }
    }

    /** The field's controller; a field holding a builder (a definition) gives the controller it builds. */
    private static DaemonController controller(Field field, ExtensionContext context) {
        String name = field.getDeclaringClass().getName() + "." + field.getName();
        if (!DaemonController.class.isAssignableFrom(field.getType())
                && !DaemonController.Builder.class.isAssignableFrom(field.getType())) {
            throw new ExtensionConfigurationException("@Daemon field " + name + " is a " + field.getType().getName()
                    + "; declare it as a DaemonController, or as the DaemonController.Builder that describes it");
        }
        Object value = read(field, name, context);
        if (value == null) {
            throw new ExtensionConfigurationException("@Daemon field " + name + " is null; assign it a "
                    + "DaemonController, built with DaemonController.builder(...), where it is declared");
        }
        return value instanceof DaemonController.Builder builder ? builder.build() : (DaemonController) value;
    }

    private static Object read(Field field, String name, ExtensionContext context) {
        Object target = null;
        if (!Modifier.isStatic(field.getModifiers())) {
            Optional<Object> instance = context.getTestInstanceLifecycle()
                    .filter(TestInstance.Lifecycle.PER_CLASS::equals)
                    .flatMap(lifecycle -> context.getTestInstance());
            target = instance.orElseThrow(() -> new ExtensionConfigurationException("@Daemon field " + name
                    + " is an instance field, and each test gets its own instance; make it static, or annotate the"
                    + " class with @TestInstance(Lifecycle.PER_CLASS)"));
        }
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException ex) {
            throw new ExtensionConfigurationException("@Daemon field " + name + " cannot be read", ex);
        }
    }
}
