package dev.chard.engine.serialization;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stack traces as text on the worker, and back into frames on the client, so a remote failure prints where it happened. */
public final class Tracebacks {

    // "\tat java.base/java.lang.Integer.parseInt(Integer.java:652)", with optional class-loader and module parts;
    // a named loader with an unnamed module prints an empty module part: "loader//com.example.App.run(App.java:12)"
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[^/\\s]*/)*([\\w$.<>]+)\\.([\\w$<>\\-]+)\\((.*)\\)\\s*$");

    private static final String INVOKER = "dev.chard.cdi.TaskInvoker";

    private Tracebacks() {
    }

    /**
     * The stack trace as text, each exception's frames cut where the worker's machinery begins (the reflective call
     * from {@code TaskInvoker}, Weld's proxy and interceptor frames): what is left is the task's own code. The frames
     * of {@code t} and its causes are trimmed in place; the exception has reached the end of its life here.
     */
    public static String format(Throwable t) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            c.setStackTrace(trim(c.getStackTrace()));
        }
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static StackTraceElement[] trim(StackTraceElement[] frames) {
        int end = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().equals(INVOKER)) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return frames;
        }
        while (end > 0 && isMachinery(frames[end - 1].getClassName())) {
            end--;
        }
        return java.util.Arrays.copyOf(frames, Math.max(end, 1));
    }

    private static boolean isMachinery(String cls) {
        return cls.startsWith("jdk.internal.reflect.") || cls.startsWith("java.lang.reflect.") || cls.startsWith("org.jboss.weld.")
                || cls.startsWith("dev.chard.cdi.") || cls.contains("$Proxy$_$$_Weld") || cls.contains("$$_WeldSubclass");
    }

    /** The frames of the outermost exception in {@code traceback} (up to its first "Caused by:"). */
    public static StackTraceElement[] parse(String traceback) {
        List<StackTraceElement> frames = new ArrayList<>();
        if (traceback == null) {
            return new StackTraceElement[0];
        }
        for (String line : traceback.split("\\R")) {
            if (line.startsWith("Caused by:")) {
                break;
            }
            Matcher m = FRAME.matcher(line);
            if (m.matches()) {
                frames.add(frame(m.group(1), m.group(2), m.group(3)));
            }
        }
        return frames.toArray(new StackTraceElement[0]);
    }

    private static StackTraceElement frame(String cls, String method, String where) {
        if (where.equals("Native Method")) {
            return new StackTraceElement(cls, method, null, -2);
        }
        int colon = where.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new StackTraceElement(cls, method, where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)));
            } catch (NumberFormatException e) {
                // a file name with a colon and no line number: keep it whole
            }
        }
        return new StackTraceElement(cls, method, where.equals("Unknown Source") ? null : where, -1);
    }
}
