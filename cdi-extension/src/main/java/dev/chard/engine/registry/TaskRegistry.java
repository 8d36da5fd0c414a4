package dev.chard.engine.registry;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tasks of one deployment, by name and by method. Built once at deployment after validation, immutable,
 * shared by the interceptor (application side) and the worker.
 */
public final class TaskRegistry {

    private final Map<String, TaskDescriptor> byName;
    private final Map<Method, TaskDescriptor> byMethod;

    public TaskRegistry(Collection<TaskDescriptor> tasks) {
        Map<String, TaskDescriptor> names = new TreeMap<>();
        Map<Method, TaskDescriptor> methods = new LinkedHashMap<>();
        for (TaskDescriptor d : tasks) {
            if (names.putIfAbsent(d.name(), d) != null) {
                throw new IllegalArgumentException("duplicate task name " + d.name());
            }
            methods.put(d.method(), d);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byMethod = Collections.unmodifiableMap(methods);
    }

    public static TaskRegistry empty() {
        return new TaskRegistry(java.util.List.of());
    }

    public Optional<TaskDescriptor> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The descriptor of an intercepted method (the method the interceptor sees, declared on the bean class). */
    public Optional<TaskDescriptor> byMethod(Method method) {
        return Optional.ofNullable(byMethod.get(method));
    }

    /** All tasks, sorted by name (the worker banner's {@code [tasks]} list). */
    public Collection<TaskDescriptor> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }
}
