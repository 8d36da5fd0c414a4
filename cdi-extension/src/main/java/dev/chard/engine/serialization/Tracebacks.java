package dev.chard.engine.serialization;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stack traces as text on the worker, and back into frames on the client, so a remote failure prints where it happened. */
public final class Tracebacks {

    // "\tat java.base/java.lang.Integer.parseInt(Integer.java:652)", with optional class-loader and module parts
    private static final Pattern FRAME = Pattern.compile("^\\s*at (?:[^/\\s]+/)*([\\w$.<>]+)\\.([\\w$<>\\-]+)\\((.*)\\)\\s*$");

    private Tracebacks() {
    }

    public static String format(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
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
