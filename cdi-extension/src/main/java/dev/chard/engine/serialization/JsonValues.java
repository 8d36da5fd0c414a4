package dev.chard.engine.serialization;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;

/** Small JSON-P helpers shared by the codecs. */
final class JsonValues {

    private JsonValues() {
    }

    static JsonValue parse(String json) {
        try (JsonReader r = Json.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }

    static JsonValue string(String s) {
        return s == null ? JsonValue.NULL : Json.createValue(s);
    }

    static JsonValue instant(Instant i) {
        return i == null ? JsonValue.NULL : Json.createValue(i.toString());
    }
}
