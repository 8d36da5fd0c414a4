package dev.chard.engine.serialization;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a JSON value fits a declared Java type exactly, checked before JSON-B reads it (JSON-B itself wraps, rounds
 * and truncates numbers without a word: {@link ScalarFit}). It walks the value along the type: numbers, chars and
 * booleans wherever they sit (elements of arrays and collections, values of maps, members of records and classes, the
 * content of an Optional), nulls where a primitive cannot take one, and record members JSON-B would default to 0.
 * What it does not model (a class's own deserializer or adapter, an interface with no subtypes named, {@code Object}) it
 * leaves to JSON-B, which reads it or refuses it. A type with nothing to check costs one map lookup.
 *
 * <p>Thread-safe. Each type's checker is built once and kept; hold one per engine, not in a static, so that an
 * application's classes are not kept after it is undeployed.
 */
public final class TypeFit {

    /**
     * Why a value does not fit.
     *
     * @param path   where in the value, e.g. {@code .points[2].x}; empty for the value itself
     * @param reason what is wrong there, naming the JSON value and the type
     */
    public record Misfit(String path, String reason) {

        Misfit at(String segment) {
            return new Misfit(segment + path, reason);
        }

        /** The reason, prefixed with where it is when that is inside the value. */
        public String describe() {
            return path.isEmpty() ? reason : "at " + path + ": " + reason;
        }
    }

    private final Map<Type, Node> checkers = new ConcurrentHashMap<>();

    /** Null when {@code v} fits {@code type} (or is left to JSON-B); else why not. */
    public Misfit check(JsonValue v, Type type) {
        Node n = node(type);
        return n.trivial ? null : n.check(v);
    }

    /** Whether values of {@code type} are checked at all (false for String, Object, {@code Map<String, Object>}, ...). */
    public boolean checks(Type type) {
        return !node(type).trivial;
    }

    private Node node(Type type) {
        Node n = checkers.get(type);
        if (n != null) {
            return n;
        }
        synchronized (this) {
            Map<Type, Node> building = new HashMap<>();
            n = build(type, building);
            checkers.putAll(building);
            return n;
        }
    }

    private Node build(Type t, Map<Type, Node> building) {
        Node n = checkers.get(t);
        if (n == null) {
            n = building.get(t);
        }
        if (n == null) {
            try {
                n = create(t, building);
            } catch (LinkageError | RuntimeException e) {
                n = ANY; // a class whose members name classes that are not there: JSON-B reads it, or says why not
            }
            building.put(t, n);
        }
        return n;
    }

    private Node create(Type t, Map<Type, Node> building) {
        Class<?> raw = GenericTypes.raw(t);
        if (raw == null) {
            return ANY; // a type variable nothing binds: JSON-B reads it as it can
        }
        List<Type> args = t instanceof ParameterizedType p ? List.of(p.getActualTypeArguments()) : List.of();
        if (t instanceof GenericArrayType g) {
            return new ArrayNode(build(g.getGenericComponentType(), building), t.getTypeName());
        }
        if (raw.isArray()) {
            return new ArrayNode(build(raw.getComponentType(), building), raw.getTypeName());
        }
        ScalarFit.Kind kind = scalar(raw);
        if (kind != null) {
            return new ScalarNode(kind, raw.isPrimitive(), raw.isPrimitive() || raw == BigInteger.class ? kind.primitiveName : raw.getSimpleName());
        }
        if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
            ScalarFit.Kind inner = raw == OptionalInt.class ? ScalarFit.Kind.INT : raw == OptionalLong.class ? ScalarFit.Kind.LONG : ScalarFit.Kind.DOUBLE;
            return new OptionalNode(new ScalarNode(inner, false, inner.primitiveName));
        }
        if (raw == Optional.class) {
            return new OptionalNode(args.size() == 1 ? build(args.get(0), building) : ANY);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return new ArrayNode(args.size() == 1 ? build(args.get(0), building) : ANY, t.getTypeName());
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new MapNode(args.size() == 2 ? build(args.get(1), building) : ANY);
        }
        String name = raw.getName();
        if (raw.isPrimitive() || raw.isEnum() || name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
                || JsonbProperties.customised(raw)) {
            return ANY; // String, BigDecimal, Object, java.time, JsonValue...: JSON-B reads these exactly or refuses
        }
        JsonbTypeInfo info = raw.getAnnotation(JsonbTypeInfo.class);
        if (info != null) {
            PolymorphicNode poly = new PolymorphicNode(info.key());
            building.put(t, poly); // a subtype may hold its supertype again
            for (JsonbSubtype s : info.value()) {
                poly.subtypes.put(s.alias(), build(s.type(), building));
            }
            return poly;
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return ANY;
        }
        ObjectNode object = new ObjectNode(raw.getSimpleName());
        building.put(t, object); // a record may hold itself, e.g. a tree's children
        for (JsonbProperties.Property p : JsonbProperties.of(raw, GenericTypes.bindings(t))) {
            object.members.put(p.jsonName(), new Member(p.custom() ? ANY : build(p.type(), building), p.required(),
                    GenericTypes.raw(p.type())));
        }
        object.settle();
        return object;
    }

    private static ScalarFit.Kind scalar(Class<?> c) {
        if (c == int.class || c == Integer.class) {
            return ScalarFit.Kind.INT;
        }
        if (c == long.class || c == Long.class) {
            return ScalarFit.Kind.LONG;
        }
        if (c == short.class || c == Short.class) {
            return ScalarFit.Kind.SHORT;
        }
        if (c == byte.class || c == Byte.class) {
            return ScalarFit.Kind.BYTE;
        }
        if (c == double.class || c == Double.class) {
            return ScalarFit.Kind.DOUBLE;
        }
        if (c == float.class || c == Float.class) {
            return ScalarFit.Kind.FLOAT;
        }
        if (c == char.class || c == Character.class) {
            return ScalarFit.Kind.CHAR;
        }
        if (c == boolean.class || c == Boolean.class) {
            return ScalarFit.Kind.BOOLEAN;
        }
        return c == BigInteger.class ? ScalarFit.Kind.BIG_INTEGER : null;
    }

    /** A checker for one type. {@code trivial}: it checks nothing, so the value need not be walked. */
    private abstract static class Node {
        boolean trivial;

        abstract Misfit check(JsonValue v);
    }

    private static final Node ANY = new Node() {
        {
            trivial = true;
        }

        @Override
        Misfit check(JsonValue v) {
            return null;
        }
    };

    private static final class ScalarNode extends Node {
        private final ScalarFit.Kind kind;
        private final boolean primitive;
        private final String name;

        ScalarNode(ScalarFit.Kind kind, boolean primitive, String name) {
            this.kind = kind;
            this.primitive = primitive;
            this.name = name;
        }

        @Override
        Misfit check(JsonValue v) {
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return primitive ? new Misfit("", "JSON null cannot be read as " + ScalarFit.article(name)) : null;
            }
            String problem = ScalarFit.problem(v, kind, name);
            return problem == null ? null : new Misfit("", problem);
        }
    }

    private static final class ArrayNode extends Node {
        private final Node element;
        private final String typeName;

        ArrayNode(Node element, String typeName) {
            this.element = element;
            this.typeName = typeName;
            this.trivial = element.trivial;
        }

        @Override
        Misfit check(JsonValue v) {
            if (v instanceof JsonArray a) {
                for (int i = 0; i < a.size(); i++) {
                    Misfit m = element.check(a.get(i));
                    if (m != null) {
                        return m.at("[" + i + "]");
                    }
                }
                return null;
            }
            return v.getValueType() == JsonValue.ValueType.NULL ? null
                    : new Misfit("", ScalarFit.describe(v) + " cannot be read as " + typeName + ", which takes a JSON array");
        }
    }

    private static final class MapNode extends Node {
        private final Node value;

        MapNode(Node value) {
            this.value = value;
            this.trivial = value.trivial;
        }

        @Override
        Misfit check(JsonValue v) {
            if (v instanceof JsonObject o) {
                for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                    Misfit m = value.check(e.getValue());
                    if (m != null) {
                        return m.at("[" + JsonValues.string(e.getKey()) + "]");
                    }
                }
            }
            return null; // JSON-B also reads a map written as an array of key/value entries; it checks that form itself
        }
    }

    private static final class OptionalNode extends Node {
        private final Node content;

        OptionalNode(Node content) {
            this.content = content;
            this.trivial = content.trivial;
        }

        @Override
        Misfit check(JsonValue v) {
            return v.getValueType() == JsonValue.ValueType.NULL ? null : content.check(v);
        }
    }

    /** A member of a record or class; {@code required}: a primitive record component JSON-B would read as 0 if missing. */
    private record Member(Node node, boolean required, Class<?> type) {
    }

    private static final class ObjectNode extends Node {
        private final String typeName;
        private final Map<String, Member> members = new LinkedHashMap<>();

        ObjectNode(String typeName) {
            this.typeName = typeName;
        }

        void settle() {
            trivial = members.values().stream().allMatch(m -> m.node().trivial && !m.required());
        }

        @Override
        Misfit check(JsonValue v) {
            if (!(v instanceof JsonObject o)) {
                return v.getValueType() == JsonValue.ValueType.NULL ? null
                        : new Misfit("", ScalarFit.describe(v) + " cannot be read as " + ScalarFit.article(typeName) + ", which takes a JSON object");
            }
            for (Map.Entry<String, Member> e : members.entrySet()) {
                JsonValue value = o.get(e.getKey());
                Member member = e.getValue();
                Misfit m = value != null ? member.node().check(value) : !member.required() ? null
                        : new Misfit("", "the member is missing, and " + ScalarFit.article(member.type().getName())
                                + " cannot be left out (JSON-B would read " + (member.type() == boolean.class ? "false" : "0")
                                + ", a value nobody sent)");
                if (m != null) {
                    return m.at("." + e.getKey());
                }
            }
            return null;
        }
    }

    private static final class PolymorphicNode extends Node {
        private final String key;
        private final Map<String, Node> subtypes = new HashMap<>();

        PolymorphicNode(String key) {
            this.key = key;
        }

        @Override
        Misfit check(JsonValue v) {
            if (v instanceof JsonObject o && o.get(key) instanceof JsonString alias) {
                Node subtype = subtypes.get(alias.getString());
                return subtype == null ? null : subtype.check(v); // an unknown alias: JSON-B names the known ones
            }
            return null;
        }
    }
}
