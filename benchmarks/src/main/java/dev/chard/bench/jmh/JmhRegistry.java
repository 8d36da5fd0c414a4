package dev.chard.bench.jmh;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;

import dev.chard.bench.app.BenchTasks;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;

/** The descriptor of BenchTasks.add, as the CDI extension builds it. */
final class JmhRegistry {

    private JmhRegistry() {
    }

    static TaskDescriptor add() {
        try {
            Method m = BenchTasks.class.getMethod("add", int.class, int.class);
            return new TaskDescriptor(BenchTasks.ADD, BenchTasks.class, m, ReturnKind.ASYNC_RESULT, Integer.class,
                    Arrays.asList(m.getGenericParameterTypes()), Arrays.stream(m.getParameters()).map(Parameter::getName).toList(), null, null);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
