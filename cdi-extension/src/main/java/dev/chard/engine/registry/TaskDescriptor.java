package dev.chard.engine.registry;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * Everything known at deployment about one task method. Immutable.
 *
 * @param name           the task name on the wire
 * @param beanClass      the bean class that declares (or inherits) the method
 * @param method         the task method
 * @param returnKind     how its result is handed to callers
 * @param resultType     the T of {@code AsyncResult<T>} etc. (the type results are decoded into); Void for void
 * @param parameterTypes the generic parameter types arguments are decoded into
 * @param parameterNames parameter names (real ones when compiled with -parameters, else arg0...)
 * @param queue          the queue from the annotation, or null for the configured default
 * @param priority       the priority from the annotation, or null for the default
 * @param settings       retry policy, result handling (annotation plus configuration overrides)
 */
public record TaskDescriptor(String name, Class<?> beanClass, Method method, ReturnKind returnKind, Type resultType,
                             List<Type> parameterTypes, List<String> parameterNames, String queue, Integer priority,
                             TaskSettings settings) {

    public TaskDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(settings, "settings");
        parameterTypes = List.copyOf(parameterTypes);
        parameterNames = List.copyOf(parameterNames);
    }

    /** A descriptor with default settings. */
    public TaskDescriptor(String name, Class<?> beanClass, Method method, ReturnKind returnKind, Type resultType,
                          List<Type> parameterTypes, List<String> parameterNames, String queue, Integer priority) {
        this(name, beanClass, method, returnKind, resultType, parameterTypes, parameterNames, queue, priority, TaskSettings.DEFAULTS);
    }

    /** This descriptor with other settings. */
    public TaskDescriptor withSettings(TaskSettings s) {
        return new TaskDescriptor(name, beanClass, method, returnKind, resultType, parameterTypes, parameterNames, queue, priority, s);
    }

    /** {@code dev.example.MathTasks#add(int, int)}: how errors and logs name the method. */
    public String displayName() {
        return TaskMethods.display(method);
    }
}
