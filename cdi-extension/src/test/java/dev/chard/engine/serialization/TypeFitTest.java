package dev.chard.engine.serialization;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker walks values as JSON-B reads them: its member names, its ways of building objects, its subtypes. */
class TypeFitTest {

    public record Renamed(@JsonbProperty("n") int count, Optional<Integer> extra) {
    }

    public record Tree(int value, List<Tree> children) {
    }

    /** A bean: a private field with a public setter, a public field, a transient member and a read-only one. */
    public static class Bean {
        private int viaSetter;
        public long field;
        @JsonbTransient
        public int ignored;
        private int readOnly;

        public int getViaSetter() {
            return viaSetter;
        }

        public void setViaSetter(int v) {
            this.viaSetter = v;
        }

        public int getReadOnly() {
            return readOnly;
        }
    }

    public static class Created {
        final int size;

        @JsonbCreator
        public Created(@JsonbProperty("size") int size) {
            this.size = size;
        }
    }

    @JsonbTypeInfo(key = "@kind", value = {@JsonbSubtype(alias = "circle", type = Circle.class), @JsonbSubtype(alias = "square", type = Square.class)})
    public interface Shape {
    }

    public record Circle(int radius) implements Shape {
    }

    public record Square(short side) implements Shape {
    }

    /** Reads any JSON as 7: its own deserializer decides, so its JSON is not checked. */
    public static class Seven implements JsonbDeserializer<Custom> {
        @Override
        public Custom deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            parser.getValue();
            return new Custom(7);
        }
    }

    @JsonbTypeDeserializer(Seven.class)
    public record Custom(int value) {
    }

    public static class Page<T> {
        public List<T> items;
    }

    public static class IntPage extends Page<Integer> {
    }

    public static class Holder {
        public Map<String, List<int[]>> deep;
        public OptionalInt maybe;
    }

    static Jsonb jsonb;
    final TypeFit fit = new TypeFit();

    @BeforeAll
    static void create() {
        jsonb = JsonbBuilder.create();
    }

    @AfterAll
    static void close() throws Exception {
        jsonb.close();
    }

    String misfit(String json, Type type) {
        TypeFit.Misfit m = fit.check(JsonValues.parse(json), type);
        return m == null ? null : m.describe();
    }

    /** Accepted, and JSON-B reads it (so the checker did not pass something JSON-B then refuses for a reason it models). */
    void fits(String json, Type type) {
        assertNull(misfit(json, type), json);
        assertNotNull(jsonb.fromJson(json, type), json);
    }

    @Test
    void aRenamedRecordComponentIsCheckedUnderItsJsonName() {
        fits("{\"n\":5,\"extra\":6}", Renamed.class);
        assertEquals("at .n: the JSON number 2147483648 does not fit an int (-2147483648 to 2147483647; it is refused, never wrapped)",
                misfit("{\"n\":2147483648}", Renamed.class));
        assertTrue(misfit("{\"count\":5}", Renamed.class).startsWith("at .n: the member is missing"), "count is not its JSON name");
        assertTrue(misfit("{\"n\":1,\"extra\":1.5}", Renamed.class).startsWith("at .extra: the JSON number 1.5"));
        fits("{\"n\":1}", Renamed.class); // a missing Optional is empty, as JSON-B reads it
    }

    @Test
    void aRecursiveRecordIsCheckedAtEveryDepth() {
        fits("{\"value\":1,\"children\":[{\"value\":2,\"children\":[]}]}", Tree.class);
        assertTrue(misfit("{\"value\":1,\"children\":[{\"value\":2,\"children\":[{\"value\":1e10,\"children\":[]}]}]}", Tree.class)
                .startsWith("at .children[0].children[0].value: the JSON number 1E+10 does not fit an int"));
    }

    @Test
    void aBeanIsCheckedThroughItsSettersAndPublicFieldsOnly() {
        fits("{\"viaSetter\":1,\"field\":2}", Bean.class);
        assertTrue(misfit("{\"viaSetter\":1.5}", Bean.class).startsWith("at .viaSetter: the JSON number 1.5 is not a whole number"));
        assertTrue(misfit("{\"field\":9223372036854775808}", Bean.class).startsWith("at .field: "));
        assertTrue(misfit("{\"viaSetter\":null}", Bean.class).startsWith("at .viaSetter: JSON null cannot be read as an int"));
        // JSON-B ignores these, so the checker does too
        assertNull(misfit("{\"ignored\":1.5,\"readOnly\":1.5,\"unknown\":1.5}", Bean.class));
        assertNull(misfit("{}", Bean.class), "a missing bean member keeps the value its constructor gave it");
    }

    @Test
    void aCreatorsParametersAreCheckedAndAPrimitiveOneCannotBeLeftOut() {
        assertEquals(3, jsonb.fromJson("{\"size\":3}", Created.class).size);
        assertTrue(misfit("{\"size\":3.5}", Created.class).startsWith("at .size: the JSON number 3.5 is not a whole number"));
        assertTrue(misfit("{}", Created.class).startsWith("at .size: the member is missing, and an int cannot be left out"));
    }

    @Test
    void aPolymorphicTypeIsCheckedAsTheSubtypeItsKeyNames() {
        fits("{\"@kind\":\"circle\",\"radius\":3}", Shape.class);
        fits("{\"@kind\":\"square\",\"side\":3}", Shape.class);
        assertTrue(misfit("{\"@kind\":\"square\",\"side\":40000}", Shape.class).startsWith("at .side: the JSON number 40000 does not fit a short"));
        assertNull(misfit("{\"@kind\":\"hexagon\",\"side\":40000}", Shape.class), "an unknown alias is JSON-B's to report");
    }

    @Test
    void aClassWithItsOwnDeserializerIsLeftToIt() {
        assertNull(misfit("{\"value\":1.5}", Custom.class));
        assertEquals(new Custom(7), jsonb.fromJson("{\"value\":1.5}", Custom.class));
    }

    @Test
    void aGenericSuperclassMemberIsCheckedAsTheTypeItsSubclassGivesIt() {
        assertNull(misfit("{\"items\":[1,2]}", IntPage.class));
        assertTrue(misfit("{\"items\":[1,2.5]}", IntPage.class).startsWith("at .items[1]: the JSON number 2.5 is not a whole number"));
    }

    @Test
    void nestedCollectionsMapsArraysAndOptionalsAreWalked() {
        fits("{\"deep\":{\"a\":[[1,2],[3]]},\"maybe\":4}", Holder.class);
        assertTrue(misfit("{\"deep\":{\"a\":[[1,2],[3,4294967296]]}}", Holder.class).startsWith("at .deep[\"a\"][1][1]: the JSON number 4294967296 does not fit an int"));
        assertTrue(misfit("{\"maybe\":4294967296}", Holder.class).startsWith("at .maybe: the JSON number 4294967296 does not fit an int"));
        assertNull(misfit("{\"maybe\":null}", Holder.class));
    }

    @Test
    void typesWithNothingToCheckAreNotWalked() {
        assertTrue(!fit.checks(String.class) && !fit.checks(Object.class) && !fit.checks(Map.class));
        assertTrue(!fit.checks(new java.util.ArrayList<Map<String, Object>>() { }.getClass().getGenericSuperclass()));
        assertTrue(fit.checks(int.class) && fit.checks(Tree.class) && fit.checks(Shape.class));
    }
}
