package dev.chard.cdi;

import dev.chard.api.AsyncTask;
import dev.chard.engine.errors.DeploymentErrors;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskMethods;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.decorator.Decorator;
import jakarta.interceptor.Interceptor;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Finds the task methods of one bean type and validates each, reporting every problem (not only the first) to
 * {@code errors}. A method is a task when it carries {@link AsyncTask}, or when its class does and it is public (as
 * AsyncTask's javadoc says: not static, not declared by Object); the interceptor lets the class's other methods run.
 */
final class TaskMethodScanner {

    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_.@#\\-]+");

    private TaskMethodScanner() {
    }

    static boolean hasTasks(AnnotatedType<?> type) {
        if (type.isAnnotationPresent(Interceptor.class) || type.isAnnotationPresent(Decorator.class)) {
            return false; // the binding on an interceptor (ours) selects what it intercepts; it is no task
        }
        return type.isAnnotationPresent(AsyncTask.class)
                || type.getMethods().stream().anyMatch(m -> m.isAnnotationPresent(AsyncTask.class));
    }

    static List<TaskDescriptor> scan(AnnotatedType<?> type, Consumer<Throwable> errors) {
        List<TaskDescriptor> found = new ArrayList<>();
        AsyncTask onType = type.getAnnotation(AsyncTask.class);
        for (AnnotatedMethod<?> am : type.getMethods()) {
            Method m = am.getJavaMember();
            AsyncTask onMethod = am.getAnnotation(AsyncTask.class);
            if (onMethod == null && (onType == null || !isBusinessMethod(m))) {
                continue;
            }
            AsyncTask a = onMethod != null ? onMethod : onType;
            TaskDescriptor d = describe(type.getJavaClass(), m, a, onMethod != null, errors);
            if (d != null) {
                found.add(d);
            }
        }
        return found;
    }

    private static boolean isBusinessMethod(Method m) {
        return m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())
                && Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge();
    }

    private static TaskDescriptor describe(Class<?> beanClass, Method m, AsyncTask a, boolean onMethod, Consumer<Throwable> errors) {
        List<Throwable> problems = new ArrayList<>();
        int mod = m.getModifiers();
        if (Modifier.isStatic(mod)) {
            problems.add(DeploymentErrors.notInterceptable(m, "static"));
        } else if (Modifier.isPrivate(mod)) {
            problems.add(DeploymentErrors.notInterceptable(m, "private"));
        } else if (Modifier.isFinal(mod)) {
            problems.add(DeploymentErrors.notInterceptable(m, "final"));
        }
        ReturnKind kind = ReturnKind.of(m.getReturnType());
        Type resultType = resultType(m.getGenericReturnType());
        if (kind == null) {
            problems.add(DeploymentErrors.unsupportedReturnType(m, m.getGenericReturnType(), boxedName(m.getReturnType())));
        } else {
            String ambiguous = JsonTypeCheck.ambiguousOptional(resultType);
            if (ambiguous != null) {
                problems.add(DeploymentErrors.ambiguousResult(m, resultType, ambiguous));
            }
        }
        Integer priority = null;
        if (a.priority() != -1) {
            if (a.priority() < 0 || a.priority() > 9) {
                problems.add(DeploymentErrors.invalidAnnotation(m, "priority", a.priority(), "use 0 (lowest) to 9 (highest)"));
            } else {
                priority = a.priority();
            }
        }
        String queue = a.queue().isEmpty() ? null : a.queue();
        if (queue != null && !QUEUE.matcher(queue).matches()) {
            problems.add(DeploymentErrors.invalidAnnotation(m, "queue", "\"" + queue + "\"", "use letters, digits, '.', '_', '-', '@' or '#'"));
        }
        // a class-level name would give every method the same name: it applies to method-level annotations only
        String name = onMethod && !a.name().isEmpty() ? a.name() : TaskMethods.defaultName(m.getDeclaringClass(), m);
        List<Type> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Parameter[] ps = m.getParameters();
        for (int i = 0; i < ps.length; i++) {
            Type t = ps[i].getParameterizedType();
            String why = JsonTypeCheck.problem(t);
            if (why != null) {
                problems.add(DeploymentErrors.unsupportedParameter(m, i, ps[i].getName(), t, why));
            }
            params.add(t);
            names.add(ps[i].getName());
        }
        if (!problems.isEmpty()) {
            problems.forEach(errors);
            return null;
        }
        return new TaskDescriptor(name, beanClass, m, kind, resultType, params, names, queue, priority);
    }

    /** The T of {@code AsyncResult<T>} and friends; Object when raw, Void for void. */
    private static Type resultType(Type declared) {
        if (declared == void.class) {
            return Void.class;
        }
        if (declared instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static String boxedName(Class<?> c) {
        if (!c.isPrimitive()) {
            return c.getSimpleName();
        }
        return switch (c.getName()) {
            case "int" -> "Integer";
            case "char" -> "Character";
            default -> Character.toUpperCase(c.getName().charAt(0)) + c.getName().substring(1);
        };
    }
}
