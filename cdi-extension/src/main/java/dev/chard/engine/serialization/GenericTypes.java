package dev.chard.engine.serialization;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The type variables of a generic record or class, bound to what a declared type gives them ({@code Box<Integer>}'s
 * {@code T} is Integer), so that a member declared {@code T} is checked as an Integer. Stateless.
 */
final class GenericTypes {

    private GenericTypes() {
    }

    /** The raw class of a type, or null for a type variable or wildcard. */
    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (t instanceof GenericArrayType g) {
            Class<?> component = raw(g.getGenericComponentType());
            return component == null ? Object[].class : Array.newInstance(component, 0).getClass();
        }
        return null;
    }

    /** What {@code type}'s class's own type variables stand for; empty for a raw or non-generic type. */
    static Map<TypeVariable<?>, Type> bindings(Type type) {
        if (!(type instanceof ParameterizedType p)) {
            return Map.of();
        }
        TypeVariable<?>[] vars = ((Class<?>) p.getRawType()).getTypeParameters();
        Type[] args = p.getActualTypeArguments();
        Map<TypeVariable<?>, Type> out = new HashMap<>();
        for (int i = 0; i < vars.length && i < args.length; i++) {
            out.put(vars[i], args[i]);
        }
        return out;
    }

    /** The superclass of {@code c} with {@code c}'s bindings carried into its type variables. */
    static Map<TypeVariable<?>, Type> superBindings(Class<?> c, Map<TypeVariable<?>, Type> own) {
        Type sup = c.getGenericSuperclass();
        return sup == null ? Map.of() : bindings(resolve(sup, own));
    }

    /** {@code t} with the bound type variables replaced; an unbound one stays (and is then not checked). */
    static Type resolve(Type t, Map<TypeVariable<?>, Type> bound) {
        if (bound.isEmpty() || t instanceof Class<?>) {
            return t;
        }
        if (t instanceof TypeVariable<?> v) {
            return bound.getOrDefault(v, v);
        }
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments().clone();
            for (int i = 0; i < args.length; i++) {
                args[i] = resolve(args[i], bound);
            }
            return new Parameterized((Class<?>) p.getRawType(), args, p.getOwnerType());
        }
        if (t instanceof GenericArrayType g) {
            Type component = resolve(g.getGenericComponentType(), bound);
            return component instanceof Class<?> c ? Array.newInstance(c, 0).getClass() : (GenericArrayType) () -> component;
        }
        if (t instanceof WildcardType w && w.getLowerBounds().length == 0 && w.getUpperBounds().length == 1) {
            return resolve(w.getUpperBounds()[0], bound);
        }
        return t;
    }

    /** A resolved parameterized type, equal to the JDK's own for the same raw type and arguments (a cache key). */
    private record Parameterized(Class<?> rawType, Type[] args, Type ownerType) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return rawType;
        }

        @Override
        public Type getOwnerType() {
            return ownerType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType that && rawType.equals(that.getRawType())
                    && Objects.equals(ownerType, that.getOwnerType()) && Arrays.equals(args, that.getActualTypeArguments());
        }

        /** The JDK's formula (sun.reflect...ParameterizedTypeImpl), so that equal types hash alike. */
        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ Objects.hashCode(ownerType) ^ Objects.hashCode(rawType);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(rawType.getName()).append('<');
            for (int i = 0; i < args.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(args[i].getTypeName());
            }
            return sb.append('>').toString();
        }
    }
}
