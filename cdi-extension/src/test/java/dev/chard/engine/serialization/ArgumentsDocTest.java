package dev.chard.engine.serialization;

import dev.chard.engine.registry.TaskDescriptor;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every row of the examples table in {@code docs/arguments.md} is bound as it says, so the page cannot drift. */
class ArgumentsDocTest {

    private static final Path DOC = Path.of("..", "docs", "arguments.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(.+)` \\| `(.+)` \\| (.+) \\|$");

    public record Point(int x, int y) {
    }

    /** One task method per type the table names, the method named after the type. */
    public static class Types {
        public void p(int v) { }
        public void p(Integer v) { }
        public void p(long v) { }
        public void p(short v) { }
        public void p(BigInteger v) { }
        public void p(double v) { }
        public void p(float v) { }
        public void p(char v) { }
        public void p(boolean v) { }
        public void p(List<Integer> v) { }
        public void p(int[] v) { }
        public void p(Point v) { }
        public void p(Optional<Integer> v) { }
        public void p(OptionalInt v) { }
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

    static TaskDescriptor task(String typeName) {
        for (Method m : Types.class.getMethods()) {
            if (m.getName().equals("p") && m.getGenericParameterTypes()[0].getTypeName().replaceAll("[\\w.]+[.$]", "").equals(typeName)) {
                return ArgumentsTest.descriptor("doc.p", m);
            }
        }
        throw new AssertionError("no method for the type " + typeName + " named in " + DOC);
    }

    @Test
    void everyExampleBindsAsThePageSays() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new String[] {m.group(1), m.group(2), m.group(3)});
            }
        }
        assertTrue(rows.size() >= 30, "the examples table was found: " + rows.size() + " rows");
        for (String[] row : rows) {
            String json = row[0];
            TaskDescriptor task = task(row[1]);
            String outcome = row[2];
            String what = json + " into " + row[1];
            Object bound;
            try {
                bound = arguments.bind(task, JsonValues.parse("[" + json + "]").asJsonArray(), JsonValue.EMPTY_JSON_OBJECT)[0];
            } catch (ArgumentBindingException e) {
                assertTrue(outcome.startsWith("refused: "), () -> what + " is refused, the page says " + outcome + ": " + e.getMessage());
                String says = outcome.substring("refused: ".length());
                assertTrue(e.getMessage().contains(says), () -> what + ": the page says '" + says + "', the error is " + e.getMessage());
                continue;
            }
            if (outcome.startsWith("refused")) {
                fail(what + " binds to " + bound + ", the page says " + outcome);
            }
            assertTrue(outcome.startsWith("`") && outcome.endsWith("`"), () -> what + ": an outcome is `value` or refused: ...");
            String shown = bound instanceof int[] a ? Arrays.toString(a) : String.valueOf(bound);
            assertEquals(outcome.substring(1, outcome.length() - 1), shown, what);
        }
    }
}
