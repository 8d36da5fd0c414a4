package dev.chard.engine.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

/** The codecs' direct JSON writer against JSON-P (Parsson), which wrote the same envelopes before. */
class JsonTextTest {

    @Test
    void quotesStringsExactlyAsJsonPWritesThem() {
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "ab \"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u2028\u4e2d\ud83d\ude00";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(12);
            for (int j = 0; j < len; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            StringBuilder quoted = new StringBuilder();
            JsonText.quote(quoted, s.toString());
            assertEquals(Json.createValue(s.toString()).toString(), quoted.toString(), () -> "string " + s);
        }
    }

    @Test
    void writesAnObjectAsJsonPWouldWithFieldsInOrder() {
        String written = new JsonText(16).string("id", "a\"b").number("n", -3).raw("args", "[1,{\"x\":null}]")
                .object("exception", "type", "java.lang.X", "message", null).end();
        String reference = Json.createObjectBuilder().add("id", "a\"b").add("n", -3)
                .add("args", Json.createArrayBuilder().add(1).add(Json.createObjectBuilder().addNull("x")))
                .add("exception", Json.createObjectBuilder().add("type", "java.lang.X")).build().toString();
        assertEquals(reference, written);
    }
}
