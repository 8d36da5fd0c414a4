package dev.chard.engine.registry;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How a task method is named in errors and logs. */
public final class TaskMethods {

    private TaskMethods() {
    }

    /** {@code dev.example.MathTasks#add(int, int)}. */
    public static String display(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName() + "("
                + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }

    /** The default task name: declaring class name + "." + method name. */
    public static String defaultName(Class<?> beanClass, Method m) {
        return beanClass.getName() + "." + m.getName();
    }
}
