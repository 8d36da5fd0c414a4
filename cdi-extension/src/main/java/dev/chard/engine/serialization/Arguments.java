package dev.chard.engine.serialization;

import dev.chard.api.TaskSerializationException;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.errors.ClientErrors;
import dev.chard.engine.errors.MessageErrors;
import dev.chard.engine.registry.TaskDescriptor;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Task arguments: written with JSON-B at the call site, read back on the worker into the method's declared
 * parameter types (never into a class the message names: DESIGN.md §4), refused when a value is not exactly one of
 * that type (docs/arguments.md). Thread-safe.
 */
public final class Arguments {

    private final Jsonb jsonb;
    private final TypeFit fit = new TypeFit();

    public Arguments(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /**
     * Writes positional arguments; with a descriptor each one that is an instance of its declared parameter type is
     * written as that type (an interface's subtype key, a generic collection's elements), any other as its own class,
     * for the binding check to judge.
     *
     * @throws TaskSerializationException naming the argument that JSON-B cannot write
     */
    public JsonArray encode(TaskDescriptor task, String taskName, List<?> args) {
        JsonArrayBuilder out = JsonValues.array();
        for (int i = 0; i < args.size(); i++) {
            Type type = task != null && i < task.parameterTypes().size() ? task.parameterTypes().get(i) : null;
            int n = i;
            // built only for an error message: displayName() reflects on the method, per argument of every send
            Supplier<String> what = () -> task != null && n < task.parameterNames().size()
                    ? "argument " + (n + 1) + " (" + task.parameterNames().get(n) + ") of " + task(task)
                    : "argument " + (n + 1) + " of task " + taskName;
            out.add(toJson(args.get(i), type, what));
        }
        return out.build();
    }

    /** Writes named arguments. */
    public JsonObject encodeNamed(String taskName, Map<String, ?> kwargs) {
        JsonObjectBuilder out = JsonValues.object();
        kwargs.forEach((name, value) -> out.add(name, toJson(value, null, () -> "argument '" + name + "' of task " + taskName)));
        return out.build();
    }

    private JsonValue toJson(Object value, Type type, Supplier<String> what) {
        if (value == null) {
            return JsonValue.NULL;
        }
        JsonValue simple = simple(value);
        if (simple != null) {
            return simple;
        }
        if (value instanceof Double d && !Double.isFinite(d) || value instanceof Float f && !Float.isFinite(f)) {
            // JSON has no such number; JSON-B would fail too, logging SEVERE "Generating incomplete JSON" on its way
            throw ClientErrors.argumentNotSerializable(what.get(), value.getClass(), value + " has no JSON form");
        }
        Class<?> declared = type == null ? null : GenericTypes.raw(type);
        // a value of another class (a Double for an int parameter) written as the declared type makes JSON-B fail with a
        // ClassCastException and that SEVERE log: it is written as what it is, and binding says why it does not fit
        boolean asDeclared = declared != null && box(declared).isInstance(value);
        try {
            return JsonValues.parse(asDeclared ? jsonb.toJson(value, type) : jsonb.toJson(value));
        } catch (RuntimeException e) {
            throw ClientErrors.argumentNotSerializable(what.get(), value.getClass(), e);
        }
    }

    /**
     * The JSON value of a boxed whole number, a string or a boolean, made directly: what JSON-B would write for it, and
     * JSON-P read back, whatever the declared type (JMH: the JSON-B text and its re-parse were most of a send's argument
     * cost). Null for any other class, which goes through JSON-B.
     */
    private static JsonValue simple(Object value) {
        Class<?> c = value.getClass();
        if (c == Integer.class || c == Short.class || c == Byte.class) {
            return JsonValues.number(((Number) value).intValue());
        }
        if (c == Long.class) {
            return JsonValues.number((Long) value);
        }
        if (c == String.class) {
            return JsonValues.string((String) value);
        }
        if (c == Boolean.class) {
            return (Boolean) value ? JsonValue.TRUE : JsonValue.FALSE;
        }
        return null;
    }

    /**
     * Reads the message's arguments into the method's parameter types: positional first, then named ones by
     * parameter name.
     *
     * @throws ArgumentBindingException (CHARD-05003) naming the parameter that does not fit
     */
    public Object[] bind(TaskDescriptor task, TaskMessage message) {
        return bind(task, message.args(), message.kwargs());
    }

    /**
     * Reads arguments into the method's parameter types: positional first, then named ones by parameter name. A value is
     * read only when it is exactly a value of its parameter's type ({@link TypeFit}): never wrapped, rounded or cut.
     *
     * @throws ArgumentBindingException (CHARD-05003) naming the task, the parameter and what does not fit
     */
    public Object[] bind(TaskDescriptor task, JsonArray args, JsonObject kwargs) {
        List<Type> types = task.parameterTypes();
        List<String> names = task.parameterNames();
        if (args.size() > types.size()) {
            throw MessageErrors.argumentsDoNotFit(task(task) + " takes " + types.size() + " argument(s), but " + args.size()
                    + " were given by position", null);
        }
        Set<String> unused = kwargs.isEmpty() ? Set.of() : new HashSet<>(kwargs.keySet());
        Object[] values = new Object[types.size()];
        for (int i = 0; i < types.size(); i++) {
            JsonValue v;
            if (i < args.size()) {
                v = args.get(i);
                if (kwargs.containsKey(names.get(i))) {
                    throw MessageErrors.argumentsDoNotFit("argument " + (i + 1) + " (" + names.get(i) + ") of " + task(task)
                            + " is given both by position and by name", null);
                }
            } else if (kwargs.containsKey(names.get(i))) {
                v = kwargs.get(names.get(i));
                unused.remove(names.get(i));
            } else {
                throw MessageErrors.argumentsDoNotFit("argument " + (i + 1) + " (" + names.get(i) + ") of " + task(task)
                        + " is missing" + (names.get(i).matches("arg\\d+") ? " (named arguments need classes compiled with -parameters)" : ""), null);
            }
            values[i] = fromJson(v, types.get(i), i, names.get(i), task);
        }
        if (!unused.isEmpty()) {
            throw MessageErrors.argumentsDoNotFit(task(task) + " has no parameter(s) named " + unused + "; its parameters are " + names, null);
        }
        return values;
    }

    private Object fromJson(JsonValue v, Type type, int index, String name, TaskDescriptor task) {
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw MessageErrors.argumentsDoNotFit(what(index, name, type, task) + ": JSON null cannot be read as "
                        + ScalarFit.article(c.getName()), null);
            }
            return NullValues.of(type);
        }
        Object simple = simpleValue(v, type);
        if (simple != null) {
            return simple;
        }
        TypeFit.Misfit misfit = fit.check(v, type);
        if (misfit != null) {
            throw MessageErrors.argumentsDoNotFit(what(index, name, type, task) + ": " + misfit.describe(), null);
        }
        try {
            return jsonb.fromJson(v.toString(), type);
        } catch (RuntimeException e) {
            throw MessageErrors.argumentsDoNotFit(what(index, name, type, task) + " cannot be read from "
                    + ScalarFit.abbreviate(v.toString()) + ": " + ClientErrors.rootMessage(e), e);
        }
    }

    /**
     * A whole number into an int, long, short or byte parameter (or its box) that holds it, a string into a String, true
     * or false into a boolean: the value JSON-B would read, made directly (the JSON text and JSON-B's parser were most
     * of binding an {@code add(int, int)}). Null for anything else (a fraction, a number out of range, a type JSON-B
     * converts): that is checked by {@link TypeFit}, then read by JSON-B.
     */
    static Object simpleValue(JsonValue v, Type type) {
        if (!(type instanceof Class<?> c)) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            if (!n.isIntegral()) {
                return null;
            }
            try {
                if (c == int.class || c == Integer.class) {
                    return n.intValueExact();
                }
                if (c == long.class || c == Long.class) {
                    return n.longValueExact();
                }
                if (c == short.class || c == Short.class) {
                    int i = n.intValueExact();
                    return i == (short) i ? Short.valueOf((short) i) : null;
                }
                if (c == byte.class || c == Byte.class) {
                    int i = n.intValueExact();
                    return i == (byte) i ? Byte.valueOf((byte) i) : null;
                }
            } catch (ArithmeticException outOfRange) {
                return null;
            }
            return null;
        }
        if (v instanceof JsonString str) {
            return c == String.class ? str.getString() : null;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
            return c == boolean.class || c == Boolean.class ? Boolean.valueOf(v.getValueType() == JsonValue.ValueType.TRUE) : null;
        }
        return null;
    }

    private static Class<?> box(Class<?> c) {
        return !c.isPrimitive() ? c : c == int.class ? Integer.class : c == long.class ? Long.class : c == double.class ? Double.class
                : c == boolean.class ? Boolean.class : c == char.class ? Character.class : c == float.class ? Float.class
                : c == short.class ? Short.class : c == byte.class ? Byte.class : Void.class;
    }

    /** How errors name the task: its name and its method, {@code web.add (dev.example.WebTasks#add(int, int))}. */
    private static String task(TaskDescriptor task) {
        return "task " + task.name() + " (" + task.displayName() + ")";
    }

    /** How an error names a parameter; built only when there is an error (it reflects on the method). */
    private static String what(int index, String name, Type type, TaskDescriptor task) {
        return "argument " + (index + 1) + " (" + name + ", " + type.getTypeName() + ") of " + task(task);
    }
}
