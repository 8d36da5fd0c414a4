package dev.chard.engine.serialization;

import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binding a message's arguments to the task method's declared parameters (no Redis). */
class ArgumentsTest {

    public record Point(int x, int y) {
    }

    /** The task methods whose signatures the tests bind to; never called. */
    public static class Signatures {
        public void add(int x, int y) {
        }

        public void move(Point to, String label) {
        }

        public void sum(List<Integer> values) {
        }

        public void maybe(java.util.Optional<String> name, java.util.OptionalInt count, java.util.Optional<Point> at) {
        }

        public void scale(double factor) {
        }
    }

    static Jsonb jsonb;
    static Arguments arguments;

    @BeforeAll
    static void create() {
        jsonb = JsonbBuilder.create();
        arguments = new Arguments(jsonb);
    }

    @AfterAll
    static void close() throws Exception {
        jsonb.close();
    }

    static TaskDescriptor task(String method) {
        return descriptor("sig." + method, Arrays.stream(Signatures.class.getMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow());
    }

    /** A void task named {@code name} whose parameters are {@code m}'s, as the scanner would describe it. */
    static TaskDescriptor descriptor(String name, Method m) {
        return new TaskDescriptor(name, m.getDeclaringClass(), m, ReturnKind.VOID, Void.class, Arrays.asList(m.getGenericParameterTypes()),
                Arrays.stream(m.getParameters()).map(Parameter::getName).toList(), null, null);
    }

    static TaskMessage message(String task, JsonArray args, JsonObject kwargs) {
        return new TaskMessage("id-1", task, args, kwargs, 0, null, null, "default", 4, "id-1", null, null, "test", Instant.now());
    }

    static JsonArray args(String json) {
        return JsonValues.parse(json).asJsonArray();
    }

    static JsonObject kwargs(String json) {
        return JsonValues.parse(json).asJsonObject();
    }

    @Test
    void simpleValuesAreBoundAsJsonBWouldReadThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<java.lang.reflect.Type> types = List.of(int.class, Integer.class, long.class, Long.class, short.class, Short.class,
                byte.class, Byte.class, String.class, boolean.class, Boolean.class, Object.class, double.class, Number.class);
        List<String> edges = List.of("0", "-0", "1.0", "1e2", "1E+2", "-1.5", "2147483647", "2147483648", "-2147483648",
                "-2147483649", "9223372036854775807", "9223372036854775808", "32767", "32768", "-32769", "127", "128", "-129",
                "\"12\"", "\"x\"", "\"\"", "true", "false", "12345678901234567890123");
        int direct = 0;
        for (int i = 0; i < 4_000; i++) {
            String json = i < edges.size() ? edges.get(i) : switch (random.nextInt(5)) {
                case 0 -> Integer.toString(random.nextInt());
                case 1 -> Long.toString(random.nextLong());
                case 2 -> Integer.toString(random.nextInt(-300, 300));
                case 3 -> "\"" + random.nextInt() + "\"";
                default -> random.nextBoolean() ? "true" : "false";
            };
            JsonValue v = JsonValues.parse("[" + json + "]").asJsonArray().get(0);
            for (java.lang.reflect.Type t : types) {
                Object fast = Arguments.simpleValue(v, t);
                if (fast == null) {
                    continue; // JSON-B reads it, or says why it cannot
                }
                direct++;
                // equal values of the same class: an Integer never equals a Long or a Short
                assertEquals(jsonb.fromJson(json, t), fast, () -> json + " into " + t.getTypeName());
            }
        }
        assertTrue(direct > 4_000, "the direct path was taken " + direct + " times");
    }

    @Test
    void simpleValuesAreWrittenAsJsonBWouldWriteThem() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        String chars = "ab \"\\/\n\t\u0001\u00e9\ud83d\ude00";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(8); j > 0; j--) {
                text.append(chars.charAt(random.nextInt(chars.length())));
            }
            Object[] values = {random.nextInt(), random.nextLong(), (short) random.nextInt(), (byte) random.nextInt(),
                    text.toString(), random.nextBoolean(), Integer.MIN_VALUE, Long.MAX_VALUE};
            Map<String, Object> named = new java.util.LinkedHashMap<>();
            for (int k = 0; k < values.length; k++) {
                named.put("p" + k, values[k]);
            }
            JsonObject written = arguments.encodeNamed("sig.any", named);
            for (int k = 0; k < values.length; k++) {
                Object v = values[k];
                assertEquals(JsonValues.parse(jsonb.toJson(v)), written.get("p" + k), () -> "value " + v + " of " + v.getClass());
            }
        }
    }

    @Test
    void positionalArgumentsBindInOrder() {
        assertArrayEquals(new Object[] {4, 5}, arguments.bind(task("add"), message("sig.add", args("[4,5]"), JsonValue.EMPTY_JSON_OBJECT)));
    }

    @Test
    void namedArgumentsBindByParameterName() {
        assertArrayEquals(new Object[] {4, 5}, arguments.bind(task("add"), message("sig.add", args("[]"), kwargs("{\"y\":5,\"x\":4}"))));
        assertArrayEquals(new Object[] {4, 5}, arguments.bind(task("add"), message("sig.add", args("[4]"), kwargs("{\"y\":5}"))));
    }

    @Test
    void aMissingArgumentIsNamed() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(task("add"), message("sig.add", args("[4]"), JsonValue.EMPTY_JSON_OBJECT)));
        assertTrue(e.getMessage().contains("(y)") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void anExtraPositionalArgumentIsReportedWithTheCounts() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(task("add"), message("sig.add", args("[1,2,3]"), JsonValue.EMPTY_JSON_OBJECT)));
        assertTrue(e.getMessage().contains("takes 2") && e.getMessage().contains("3 were given by position"), e.getMessage());
    }

    @Test
    void anUnknownNamedArgumentIsNamed() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(task("add"), message("sig.add", args("[1,2]"), kwargs("{\"z\":3}"))));
        assertTrue(e.getMessage().contains("z") && e.getMessage().contains("[x, y]"), e.getMessage());
    }

    @Test
    void anArgumentGivenByPositionAndByNameIsNamed() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(task("add"), message("sig.add", args("[1,2]"), kwargs("{\"x\":3}"))));
        assertTrue(e.getMessage().contains("(x)") && e.getMessage().contains("both"), e.getMessage());
    }

    @Test
    void aStringWhereAnIntIsDeclaredIsRejectedNamingTheParameter() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(task("add"), message("sig.add", args("[\"four\",5]"), JsonValue.EMPTY_JSON_OBJECT)));
        assertTrue(e.getMessage().contains("(x, int)"), e.getMessage());
    }

    @Test
    void nullIntoAPrimitiveIsRejectedNamingTheParameter() {
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(task("add"), message("sig.add", args("[1,null]"), JsonValue.EMPTY_JSON_OBJECT)));
        assertTrue(e.getMessage().contains("(y, int)") && e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void aRecordParameterIsBuiltFromItsJsonObject() {
        Object[] bound = arguments.bind(task("move"), message("sig.move", args("[{\"x\":1,\"y\":2},null]"), JsonValue.EMPTY_JSON_OBJECT));
        assertEquals(new Point(1, 2), bound[0]);
        assertEquals(null, bound[1]);
    }

    @Test
    void aGenericListParameterGetsIntegersNotBigDecimals() {
        Object[] bound = arguments.bind(task("sum"), message("sig.sum", args("[[1,2,3]]"), JsonValue.EMPTY_JSON_OBJECT));
        List<?> values = assertInstanceOf(List.class, bound[0]);
        assertEquals(List.of(1, 2, 3), values);
        values.forEach(v -> assertInstanceOf(Integer.class, v));
    }

    @Test
    void optionalArgumentsRoundTripEmptyAndPresent() {
        TaskDescriptor maybe = task("maybe");
        List<List<Object>> calls = List.of(
                List.of(java.util.Optional.empty(), java.util.OptionalInt.empty(), java.util.Optional.empty()),
                List.of(java.util.Optional.of("x"), java.util.OptionalInt.of(3), java.util.Optional.of(new Point(1, 2))),
                List.of(java.util.Optional.of(""), java.util.OptionalInt.of(0), java.util.Optional.empty()));
        for (List<Object> call : calls) {
            JsonArray encoded = arguments.encode(maybe, maybe.name(), call);
            assertArrayEquals(call.toArray(), arguments.bind(maybe, message(maybe.name(), encoded, JsonValue.EMPTY_JSON_OBJECT)),
                    encoded.toString());
        }
        assertEquals(args("[null,null,null]"), arguments.encode(maybe, maybe.name(), calls.get(0)), "an empty Optional is JSON null");
        // a by-name sender that does not know the types sends null, which is the empty Optional too
        assertArrayEquals(calls.get(0).toArray(), arguments.bind(maybe, message(maybe.name(), args("[null,null,null]"), JsonValue.EMPTY_JSON_OBJECT)));
        ArgumentBindingException e = assertThrows(ArgumentBindingException.class,
                () -> arguments.bind(maybe, message(maybe.name(), args("[null,2147483648,null]"), JsonValue.EMPTY_JSON_OBJECT)));
        assertTrue(e.getMessage().contains("(count, java.util.OptionalInt)") && e.getMessage().contains("does not fit an int"), e.getMessage());
    }

    @Test
    void aValueOfAnotherClassIsWrittenAsWhatItIsWithoutJsonbsSevereLog() {
        try (dev.chard.testsupport.LogCapture warnings = dev.chard.testsupport.LogCapture.root(java.util.logging.Level.WARNING)) {
            assertEquals(args("[1.5,2]"), arguments.encode(task("add"), "sig.add", List.of(1.5, 2)));
            assertEquals(args("[5]"), arguments.encode(task("scale"), "sig.scale", List.of(5)));
            dev.chard.api.TaskSerializationException nan = assertThrows(dev.chard.api.TaskSerializationException.class,
                    () -> arguments.encode(task("scale"), "sig.scale", List.of(Double.NaN)));
            assertEquals("CHARD-03003", nan.code());
            assertTrue(nan.getMessage().contains("argument 1 (factor)") && nan.getMessage().contains("NaN has no JSON form"), nan.getMessage());
            assertEquals(List.of(), warnings.lines());
        }
    }

    @Test
    void encodedArgumentsBindBackToTheSameValues() {
        TaskDescriptor move = task("move");
        JsonArray encoded = arguments.encode(move, move.name(), List.of(new Point(3, 4), "home"));
        assertArrayEquals(new Object[] {new Point(3, 4), "home"}, arguments.bind(move, message(move.name(), encoded, JsonValue.EMPTY_JSON_OBJECT)));
        assertEquals(Json.createValue("home"), encoded.get(1));
    }
}
