package dev.chard.cdi;

import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbTypeInfo;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.util.Calendar;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Whether JSON-B can write a parameter type and read it back, decided at deployment (DESIGN.md §5) from the rules
 * Yasson follows: public types, a way to construct them, no type variables left to guess. It checks the type and
 * its type arguments, not every field of a class, so a class may still fail at the call site; that error names
 * the parameter too (CHARD-03003).
 */
final class JsonTypeCheck {

    private static final Set<Class<?>> SCALARS = Set.of(String.class, Character.class, Boolean.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class, Number.class, UUID.class,
            URI.class, URL.class, Date.class, Calendar.class, Object.class, OptionalInt.class, OptionalLong.class, OptionalDouble.class);

    private static final Set<String> NEVER = Set.of("java.io.InputStream", "java.io.OutputStream", "java.io.Reader",
            "java.io.Writer", "java.lang.Thread", "java.lang.Class", "java.net.Socket", "java.sql.Connection",
            "java.sql.ResultSet", "java.util.concurrent.Future", "java.util.concurrent.CompletionStage");

    private JsonTypeCheck() {
    }

    /** Null when the type can travel as JSON; else why not. */
    static String problem(Type type) {
        if (type instanceof Class<?> c) {
            return problem(c);
        }
        if (type instanceof ParameterizedType p) {
            String raw = problem((Class<?>) p.getRawType());
            if (raw != null) {
                return raw;
            }
            String optional = ambiguousOptional(p);
            if (optional != null) {
                return optional;
            }
            for (Type arg : p.getActualTypeArguments()) {
                String inner = problem(arg);
                if (inner != null) {
                    return "its type argument " + arg.getTypeName() + " cannot: " + inner;
                }
            }
            return null;
        }
        if (type instanceof GenericArrayType g) {
            return problem(g.getGenericComponentType());
        }
        if (type instanceof WildcardType w) {
            return w.getUpperBounds().length == 1 ? problem(w.getUpperBounds()[0]) : "a wildcard with several bounds";
        }
        if (type instanceof TypeVariable<?> v) {
            return "the type variable " + v.getName() + " gives the worker no type to read the JSON into";
        }
        return "unknown kind of type";
    }

    /**
     * Null unless {@code type} is, or holds, an Optional whose empty and present forms are the same JSON. JSON-B writes
     * {@code Optional.empty()} as null and {@code Optional.of(x)} as x, so the worker can tell them apart only when x is
     * never null itself: not for an Optional of an Optional (or of an OptionalInt and friends), nor of a JsonValue
     * (JsonValue.NULL).
     */
    static String ambiguousOptional(Type type) {
        if (type instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == Optional.class && args.length == 1) {
                Type inner = args[0] instanceof ParameterizedType ip ? ip.getRawType() : args[0];
                if (inner == Optional.class || inner == OptionalInt.class || inner == OptionalLong.class || inner == OptionalDouble.class
                        || inner == JsonValue.class) {
                    return "Optional.empty() and Optional.of(" + (inner == JsonValue.class ? "JsonValue.NULL" : "an empty "
                            + ((Class<?>) inner).getSimpleName()) + ") are both JSON null, so the worker could not tell them apart;"
                            + " use one Optional level, or a record with an Optional member";
                }
            }
            for (Type arg : args) {
                String inner = ambiguousOptional(arg);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (type instanceof GenericArrayType g) {
            return ambiguousOptional(g.getGenericComponentType());
        }
        return null;
    }

    private static String problem(Class<?> c) {
        if (c.isPrimitive() || SCALARS.contains(c) || c.isEnum() || JsonValue.class.isAssignableFrom(c)
                || c.getName().startsWith("java.time.")) {
            return null;
        }
        if (c.isArray()) {
            return problem(c.getComponentType());
        }
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (NEVER.contains(k.getName())) {
                return k.getName() + " is a resource or handle, not data";
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            if (NEVER.contains(i.getName())) {
                return i.getName() + " is a resource or handle, not data";
            }
        }
        if (Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c) || c == Optional.class) {
            return null;
        }
        if (!isPublic(c)) {
            return "the class is not public (JSON-B can only read public types)";
        }
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            return "it is an inner class; make it static or top-level";
        }
        if ((c.isInterface() || Modifier.isAbstract(c.getModifiers())) && !c.isAnnotationPresent(JsonbTypeInfo.class)) {
            return "it is " + (c.isInterface() ? "an interface" : "abstract") + " and names no subtypes (@JsonbTypeInfo)";
        }
        if (c.isRecord() || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
            return null;
        }
        return constructible(c) ? null : "it has no public or protected no-argument constructor and no @JsonbCreator";
    }

    private static boolean isPublic(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean constructible(Class<?> c) {
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (k.isAnnotationPresent(JsonbCreator.class)
                    || (k.getParameterCount() == 0 && (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())))) {
                return true;
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonbCreator.class)) {
                return true;
            }
        }
        return false;
    }
}
