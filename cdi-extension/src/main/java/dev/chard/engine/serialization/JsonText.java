package dev.chard.engine.serialization;

import java.util.Map;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Writes one flat JSON object straight into a {@link StringBuilder}: the codecs' envelopes (a message, a result
 * record). Building a JSON-P object and serializing it, as the codecs did, made a tree, a generator and a second copy
 * per message, and re-parsed values that were already JSON (an argument list, a task's return value); JFR of a bulk
 * send had that at a fifth of the producer's CPU. Strings are escaped exactly as JSON-P's generator (Parsson) escapes
 * them, so the output is byte for byte what the codecs wrote before. Not thread-safe: one per object written.
 */
final class JsonText {

    private final StringBuilder out;
    private boolean first = true;

    JsonText(int capacity) {
        out = new StringBuilder(capacity).append('{');
    }

    JsonText string(String name, String value) {
        quote(name(name), value);
        return this;
    }

    JsonText number(String name, int value) {
        name(name).append(value);
        return this;
    }

    /** {@code json} as it is: a value that is JSON already (written by JSON-P or JSON-B, so well formed). */
    JsonText raw(String name, String json) {
        name(name).append(json);
        return this;
    }

    /** A JSON-P value (an argument list, keyword arguments), written as JSON-P's generator writes it. */
    JsonText value(String name, JsonValue value) {
        write(name(name), value);
        return this;
    }

    private static void write(StringBuilder b, JsonValue v) {
        switch (v.getValueType()) {
            case STRING -> quote(b, ((JsonString) v).getString());
            case ARRAY -> {
                b.append('[');
                boolean firstItem = true;
                for (JsonValue item : (JsonArray) v) {
                    if (!firstItem) {
                        b.append(',');
                    }
                    firstItem = false;
                    write(b, item);
                }
                b.append(']');
            }
            case OBJECT -> {
                b.append('{');
                boolean firstField = true;
                for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
                    if (!firstField) {
                        b.append(',');
                    }
                    firstField = false;
                    quote(b, e.getKey());
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            }
            default -> b.append(v); // numbers, true, false, null: their toString() is their JSON
        }
    }

    /** A nested object of string fields, given as name, value pairs; a null value is left out. */
    JsonText object(String name, String... namesAndValues) {
        StringBuilder b = name(name).append('{');
        boolean firstField = true;
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                continue;
            }
            if (!firstField) {
                b.append(',');
            }
            firstField = false;
            quote(b, namesAndValues[i]);
            b.append(':');
            quote(b, namesAndValues[i + 1]);
        }
        b.append('}');
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    private StringBuilder name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quote(out, name);
        return out.append(':');
    }

    /** {@code s} as a JSON string: '"' and '\' escaped, control characters as Parsson writes them. */
    static void quote(StringBuilder b, String s) {
        b.append('"');
        int len = s.length();
        int from = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    String hex = Integer.toHexString(c);
                    b.append("\\u").append("0000", 0, 4 - hex.length()).append(hex);
                }
            }
        }
        b.append(s, from, len).append('"');
    }
}
