package dev.chard.worker.boot;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.chard.api.ConfigurationException;
import dev.chard.worker.BootException;
import dev.chard.worker.WorkerErrors;

/**
 * Turns what Weld throws at boot into one clear Chard error. Weld wraps the extension's definition errors and its
 * own validation errors in its exceptions, sometimes only as text, so both the cause chain and the messages are
 * searched.
 */
final class BootFailures {

    private static final Pattern CHARD_DEFINITION = Pattern.compile("CHARD-01\\d{3}: [^\\r\\n]*");
    private static final Pattern UNSATISFIED = Pattern.compile(
            "WELD-001408:? Unsatisfied dependencies for type (.+?) with qualifiers ([^\\r\\n]*)");
    private static final Pattern INJECTION_POINT = Pattern.compile("at injection point \\[[^\\]]*\\] ([^\\r\\n]+)");
    private static final Pattern LOCATION = Pattern.compile("\\n\\s*at ([\\w.$]+)\\.([\\w$<>]+)\\(");

    private BootFailures() {
    }

    static RuntimeException translate(RuntimeException e) {
        List<Throwable> all = flatten(e);
        for (Throwable t : all) {
            if (t instanceof ConfigurationException c) {
                return c;
            }
        }
        StringBuilder text = new StringBuilder();
        all.forEach(t -> text.append(t.getMessage()).append('\n'));
        Set<String> definitions = new LinkedHashSet<>();
        Matcher d = CHARD_DEFINITION.matcher(text);
        while (d.find()) {
            definitions.add(d.group());
        }
        if (!definitions.isEmpty()) {
            String first = definitions.iterator().next();
            String code = first.substring(0, "CHARD-01000".length());
            // BootException prefixes the code again, so drop it from the first line
            return new BootException(code, String.join("\n", definitions).substring(code.length() + 2), e);
        }
        Matcher u = UNSATISFIED.matcher(text);
        if (u.find()) {
            String rest = text.substring(u.end());
            Matcher ip = INJECTION_POINT.matcher(rest);
            String injectionPoint = ip.find() ? ip.group(1).trim() : null;
            Matcher loc = LOCATION.matcher(rest);
            boolean located = loc.find();
            String bean = located ? loc.group(1) : "(unknown bean)";
            String type = fullTypeName(bean, located ? loc.group(2) : null, u.group(1).trim());
            if (!u.group(2).trim().equals("@Default")) {
                type = type + " with qualifiers " + u.group(2).trim();
            }
            return WorkerErrors.unsatisfied(bean, type, injectionPoint, e);
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage().trim();
        return WorkerErrors.deploymentFailed(message, e);
    }

    /** Weld prints simple type names; for a field injection point the field's declared type is exact. */
    private static String fullTypeName(String bean, String member, String weldType) {
        if (member == null) {
            return weldType;
        }
        try {
            ClassLoader cl = Thread.currentThread().getContextClassLoader();
            for (Class<?> c = Class.forName(bean, false, cl); c != null; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(member)) {
                        return f.getGenericType().getTypeName();
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError ex) {
            // fall back to Weld's spelling
        }
        return weldType;
    }

    private static List<Throwable> flatten(Throwable root) {
        List<Throwable> out = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        return out;
    }
}
