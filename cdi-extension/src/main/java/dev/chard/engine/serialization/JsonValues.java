package dev.chard.engine.serialization;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;

/**
 * JSON-P for the codecs, through one provider resolved once. {@code jakarta.json.Json}'s static methods look the
 * provider up again on every call (a ServiceLoader scan that reads jar manifests): the benchmark's profile showed
 * that lookup as 35 % of a worker's CPU and 82 % of its allocation (docs/benchmarks.md).
 */
public final class JsonValues {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonValues() {
    }

    public static JsonValue parse(String json) {
        try (JsonReader r = PROVIDER.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }

    public static JsonParser parser(String json) {
        return PROVIDER.createParser(new StringReader(json));
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonValue number(int n) {
        return PROVIDER.createValue(n);
    }

    public static JsonValue number(long n) {
        return PROVIDER.createValue(n);
    }

    public static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : PROVIDER.createValue(s);
    }
}
