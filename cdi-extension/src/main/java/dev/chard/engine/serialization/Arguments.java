package dev.chard.engine.serialization;

import dev.chard.api.TaskSerializationException;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.errors.ClientErrors;
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
 * parameter types (never into a class the message names: DESIGN.md §4). Thread-safe.
 */
public final class Arguments {

    private final Jsonb jsonb;

    public Arguments(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /**
     * Writes positional arguments; with a descriptor each one is written as its declared parameter type.
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
                    ? "argument " + (n + 1) + " (" + task.parameterNames().get(n) + ") of " + task.displayName()
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
        try {
            return JsonValues.parse(type == null ? jsonb.toJson(value) : jsonb.toJson(value, type));
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
     * @throws ArgumentBindingException naming the parameter that does not fit
     */
    public Object[] bind(TaskDescriptor task, TaskMessage message) {
        List<Type> types = task.parameterTypes();
        List<String> names = task.parameterNames();
        JsonArray args = message.args();
        JsonObject kwargs = message.kwargs();
        if (args.size() > types.size()) {
            throw new ArgumentBindingException(task.displayName() + " takes " + types.size() + " argument(s), the message has "
                    + args.size() + " positional ones", null);
        }
        Set<String> unused = new HashSet<>(kwargs.keySet());
        Object[] values = new Object[types.size()];
        for (int i = 0; i < types.size(); i++) {
            JsonValue v;
            if (i < args.size()) {
                v = args.get(i);
                if (kwargs.containsKey(names.get(i))) {
                    throw new ArgumentBindingException("argument " + (i + 1) + " (" + names.get(i) + ") of "
                            + task.displayName() + " is given both by position and by name", null);
                }
            } else if (kwargs.containsKey(names.get(i))) {
                v = kwargs.get(names.get(i));
                unused.remove(names.get(i));
            } else {
                throw new ArgumentBindingException("argument " + (i + 1) + " (" + names.get(i) + ") of " + task.displayName()
                        + " is missing" + (names.get(i).matches("arg\\d+") ? " (named arguments need classes compiled with -parameters)" : ""), null);
            }
            values[i] = fromJson(v, types.get(i), i, names.get(i), task);
        }
        if (!unused.isEmpty()) {
            throw new ArgumentBindingException(task.displayName() + " has no parameter(s) named " + unused
                    + "; its parameters are " + names, null);
        }
        return values;
    }

    private Object fromJson(JsonValue v, Type type, int index, String name, TaskDescriptor task) {
        if (v.getValueType() == JsonValue.ValueType.NULL) {
            if (type instanceof Class<?> c && c.isPrimitive()) {
                throw new ArgumentBindingException(what(index, name, type, task) + " is null, but a " + c.getName() + " cannot be", null);
            }
            return null;
        }
        Object simple = simpleValue(v, type);
        if (simple != null) {
            return simple;
        }
        try {
            return jsonb.fromJson(v.toString(), type);
        } catch (RuntimeException e) {
            throw new ArgumentBindingException(what(index, name, type, task) + " cannot be read from " + abbreviate(v.toString()) + ": "
                    + ClientErrors.rootMessage(e), e);
        }
    }

    /**
     * A whole number into an int, long, short or byte parameter (or its box) that holds it, a string into a String, true
     * or false into a boolean: the value JSON-B would read, made directly (the JSON text and JSON-B's parser were most
     * of binding an {@code add(int, int)}). Null for anything else (a fraction, a number out of range, a type JSON-B
     * converts): that goes through JSON-B, which reads it or names what does not fit.
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

    /** How an error names a parameter; built only when there is an error (it reflects on the method). */
    private static String what(int index, String name, Type type, TaskDescriptor task) {
        return "argument " + (index + 1) + " (" + name + ", " + type.getTypeName() + ") of " + task.displayName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
