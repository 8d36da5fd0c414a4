package dev.chard.engine.serialization;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbDateFormat;
import jakarta.json.bind.annotation.JsonbNumberFormat;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.annotation.JsonbVisibility;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members JSON-B reads into a record or class, as JSON-B's default rules name them: a record's components (its
 * canonical constructor), a {@code @JsonbCreator}'s parameters, public setters and public non-final fields, renamed by
 * {@code @JsonbProperty}, without {@code @JsonbTransient} ones. A member whose reading the class customises (its own
 * deserializer, adapter or number format) is marked {@code custom}: its JSON is the class's business, not checked.
 * Stateless.
 */
final class JsonbProperties {

    /**
     * One member.
     *
     * @param type     the declared type, with the class's type variables resolved
     * @param required a record component or creator parameter of a primitive type: JSON-B would read a missing member
     *                 as 0 or false, a value nobody sent
     */
    record Property(String jsonName, Type type, boolean custom, boolean required) {
    }

    private JsonbProperties() {
    }

    /** Whether the class decides its own JSON form, so that nothing in it can be checked member by member. */
    static boolean customised(Class<?> c) {
        return c.isAnnotationPresent(JsonbTypeDeserializer.class) || c.isAnnotationPresent(JsonbTypeAdapter.class)
                || c.isAnnotationPresent(JsonbVisibility.class) || c.isAnnotationPresent(JsonbNumberFormat.class)
                || c.getPackage() != null && (c.getPackage().isAnnotationPresent(JsonbNumberFormat.class)
                || c.getPackage().isAnnotationPresent(JsonbVisibility.class));
    }

    /** The members of {@code c}, whose type variables stand for {@code bound}. */
    static List<Property> of(Class<?> c, Map<TypeVariable<?>, Type> bound) {
        Executable creator = creator(c);
        if (creator != null) {
            Map<String, Property> byName = new LinkedHashMap<>(setters(c, bound));
            Parameter[] params = creator.getParameters();
            RecordComponent[] components = c.isRecord() ? c.getRecordComponents() : null;
            for (int i = 0; i < params.length; i++) {
                Parameter p = params[i];
                JsonbProperty named = p.getAnnotation(JsonbProperty.class);
                // a record's canonical constructor is read by its components' names
                String unnamed = components != null && components.length == params.length ? components[i].getName() : null;
                String name = named != null && !named.value().isEmpty() ? named.value() : p.isNamePresent() ? p.getName() : unnamed;
                if (name != null) {
                    byName.put(name, new Property(name, GenericTypes.resolve(p.getParameterizedType(), bound), custom(p),
                            p.getType().isPrimitive()));
                }
            }
            return List.copyOf(byName.values());
        }
        if (c.isRecord()) {
            List<Property> out = new ArrayList<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                Method accessor = rc.getAccessor();
                Field field = field(c, rc.getName());
                if (has(JsonbTransient.class, accessor, field)) {
                    continue;
                }
                String name = jsonName(rc.getName(), accessor, field);
                out.add(new Property(name, GenericTypes.resolve(rc.getGenericType(), bound), custom(accessor) || custom(field),
                        rc.getType().isPrimitive()));
            }
            return out;
        }
        return List.copyOf(setters(c, bound).values());
    }

    /** The public setters and public non-final fields of {@code c} and its superclasses (outside the JDK). */
    private static Map<String, Property> setters(Class<?> c, Map<TypeVariable<?>, Type> bound) {
        Map<String, Property> byName = new LinkedHashMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>(); // Java property names, nearest class first
        Map<TypeVariable<?>, Type> b = bound;
        for (Class<?> k = c; k != null && !k.getName().startsWith("java."); k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().length() > 3 && m.getName().startsWith("set") && m.getParameterCount() == 1
                        && Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isBridge()) {
                    String javaName = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                    if (seen.putIfAbsent(javaName, true) == null) {
                        Field field = field(k, javaName);
                        Method getter = getter(k, javaName);
                        if (!has(JsonbTransient.class, m, field, getter) && (field == null || !Modifier.isTransient(field.getModifiers()))) {
                            String name = jsonName(javaName, m, field, getter);
                            byName.put(name, new Property(name, GenericTypes.resolve(m.getGenericParameterTypes()[0], b),
                                    custom(m) || custom(field) || custom(getter), false));
                        }
                    }
                }
            }
            for (Field f : k.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic() || seen.putIfAbsent(f.getName(), true) != null) {
                    continue;
                }
                Method getter = getter(k, f.getName());
                if (Modifier.isPublic(mod) && !Modifier.isFinal(mod) && !has(JsonbTransient.class, f, getter)) {
                    String name = jsonName(f.getName(), f, getter);
                    byName.put(name, new Property(name, GenericTypes.resolve(f.getGenericType(), b), custom(f) || custom(getter), false));
                }
            }
            b = GenericTypes.superBindings(k, b);
        }
        return byName;
    }

    private static Executable creator(Class<?> c) {
        for (Executable e : c.getDeclaredConstructors()) {
            if (e.isAnnotationPresent(JsonbCreator.class)) {
                return e;
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonbCreator.class)) {
                return m;
            }
        }
        return null;
    }

    private static String jsonName(String javaName, AnnotatedElement... where) {
        for (AnnotatedElement e : where) {
            JsonbProperty p = e == null ? null : e.getAnnotation(JsonbProperty.class);
            if (p != null && !p.value().isEmpty()) {
                return p.value();
            }
        }
        return javaName;
    }

    private static boolean custom(AnnotatedElement e) {
        return e != null && (e.isAnnotationPresent(JsonbTypeDeserializer.class) || e.isAnnotationPresent(JsonbTypeAdapter.class)
                || e.isAnnotationPresent(JsonbNumberFormat.class) || e.isAnnotationPresent(JsonbDateFormat.class));
    }

    private static boolean has(Class<? extends Annotation> a, AnnotatedElement... where) {
        for (AnnotatedElement e : where) {
            if (e != null && e.isAnnotationPresent(a)) {
                return true;
            }
        }
        return false;
    }

    private static Field field(Class<?> c, String name) {
        try {
            return c.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static Method getter(Class<?> c, String javaName) {
        String suffix = Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
        for (String prefix : new String[] {"get", "is"}) {
            try {
                return c.getDeclaredMethod(prefix + suffix);
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }
}
