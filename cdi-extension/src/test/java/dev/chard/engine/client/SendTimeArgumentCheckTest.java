package dev.chard.engine.client;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskOptions;
import dev.chard.api.TaskSerializationException;
import dev.chard.engine.Engine;
import dev.chard.engine.broker.Delivery;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.ReturnKind;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.engine.serialization.ArgumentBindingException;
import dev.chard.testsupport.LogCapture;
import dev.chard.testsupport.RedisServer;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A by-name send of a task this application declares is checked with the worker's own binder: what a worker would
 * refuse is refused at the call, with the code and words the worker would record, and nothing is sent. A sender that
 * does not declare the task sends it, and the worker's refusal reads the same.
 */
class SendTimeArgumentCheckTest {

    /** The declared task methods; never called. */
    public static class MathTasks {
        public AsyncResult<Integer> add(int x, int y) {
            return null;
        }

        public AsyncResult<Double> scale(double factor) {
            return null;
        }
    }

    /** One refused call: its positional and named arguments and what the refusal must say. */
    record Refused(List<Object> args, Map<String, Object> kwargs, List<String> says) {
    }

    static final List<Refused> REFUSED = List.of(
            new Refused(List.of(1.5, 2), Map.of(), List.of("argument 1 (x, int) of task math.add", "the JSON number 1.5 is not a whole number")),
            new Refused(List.of("x", 2), Map.of(), List.of("argument 1 (x, int)", "the JSON string \"x\" is not a number, which an int must be")),
            new Refused(List.of(true, 2), Map.of(), List.of("argument 1 (x, int)", "the JSON true is not a number")),
            new Refused(Arrays.asList(1, null), Map.of(), List.of("argument 2 (y, int)", "JSON null cannot be read as an int")),
            new Refused(List.of(10_000_000_000L, 2), Map.of(), List.of("argument 1 (x, int)", "the JSON number 10000000000 does not fit an int")),
            new Refused(List.of(1, 2, 3), Map.of(), List.of("task math.add", "takes 2 argument(s), but 3 were given by position")),
            new Refused(List.of(1), Map.of(), List.of("argument 2 (y)", "is missing")),
            new Refused(List.of(1, 2), Map.of("z", 3), List.of("has no parameter(s) named [z]", "its parameters are [x, y]")));

    static RedisServer redis;
    static Jsonb jsonb;
    static TaskDescriptor add;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        jsonb = JsonbBuilder.create();
        add = descriptor("math.add", "add");
    }

    @AfterAll
    static void stop() throws Exception {
        jsonb.close();
        redis.close();
    }

    static TaskDescriptor descriptor(String name, String method) {
        Method m = Arrays.stream(MathTasks.class.getMethods()).filter(x -> x.getName().equals(method)).findFirst().orElseThrow();
        return new TaskDescriptor(name, MathTasks.class, m, ReturnKind.ASYNC_RESULT, Integer.class, Arrays.asList(m.getGenericParameterTypes()),
                Arrays.stream(m.getParameters()).map(Parameter::getName).toList(), null, null);
    }

    static Engine engine(TaskRegistry registry) {
        return Engine.start(ChardConfig.of(Map.of("chard.broker.url", redis.url(0), "chard.backend.url", redis.url(0))), registry, jsonb);
    }

    @Test
    void aDeclaredTaskRefusesArgumentsTheWorkerWouldRefuseWithOneCodedErrorAndSendsNothing() {
        try (LogCapture warnings = LogCapture.root(Level.WARNING);
             Engine engine = engine(new TaskRegistry(List.of(add, descriptor("math.scale", "scale"))))) {
            for (Refused r : REFUSED) {
                TaskSerializationException e = assertThrows(TaskSerializationException.class, () -> engine.client().send("math.add",
                        r.args(), r.kwargs(), TaskOptions.defaults().queue("declared")), () -> r + " was sent");
                assertEquals("CHARD-05003", e.code(), e.getMessage());
                assertTrue(e.getMessage().contains("dev.chard.engine.client.SendTimeArgumentCheckTest$MathTasks#add(int, int)"), e.getMessage());
                r.says().forEach(s -> assertTrue(e.getMessage().contains(s), () -> "'" + s + "' in " + e.getMessage()));
            }
            assertEquals(0, engine.broker().pending("declared"), "nothing was sent");

            List<List<?>> rows = List.of(List.of(1, 2), List.of(3, 4.5), List.of(5, 6));
            TaskSerializationException bulk = assertThrows(TaskSerializationException.class,
                    () -> engine.client().sendBulk("math.add", rows, TaskOptions.defaults().queue("declared")));
            assertTrue(bulk.getMessage().contains("the JSON number 4.5 is not a whole number"), bulk.getMessage());
            assertEquals(0, engine.broker().pending("declared"), "no row of the bulk send was sent");

            // what fits is sent, whatever class carries it
            engine.client().send("math.add", List.of(4L, (short) 5), Map.of(), TaskOptions.defaults().queue("declared"));
            engine.client().send("math.scale", List.of(5), Map.of(), TaskOptions.defaults().queue("declared"));
            engine.client().sendBulk("math.add", List.of(List.of(1, 2), List.of(3, 4)), TaskOptions.defaults().queue("declared"));
            assertEquals(4, engine.broker().pending("declared"));
            assertEquals(List.of(), warnings.lines(), "no warning or SEVERE log (Yasson's 'Generating incomplete JSON')");
        }
    }

    @Test
    void anUndeclaredTaskIsSentAsItIsAndTheWorkersRefusalReadsLikeTheSendersWord() {
        List<String> atSend = new ArrayList<>();
        try (Engine declaring = engine(new TaskRegistry(List.of(add)))) {
            for (Refused r : REFUSED) {
                atSend.add(assertThrows(TaskSerializationException.class,
                        () -> declaring.client().send("math.add", r.args(), r.kwargs(), TaskOptions.defaults().queue("unused"))).getMessage());
            }
        }
        try (Engine blind = engine(TaskRegistry.empty())) {
            for (int i = 0; i < REFUSED.size(); i++) {
                Refused r = REFUSED.get(i);
                blind.client().send("math.add", r.args(), r.kwargs(), TaskOptions.defaults().queue("undeclared"));
                Delivery d = blind.broker().fetch("undeclared", "w1").delivery().orElseThrow();
                TaskMessage m = blind.messages().decode(d.body(), d.queue());
                // the worker's binder, as TaskProcessor calls it
                ArgumentBindingException onWorker = assertThrows(ArgumentBindingException.class, () -> blind.arguments().bind(add, m));
                assertEquals(atSend.get(i), onWorker.getMessage(), r.toString());
                assertEquals("CHARD-05003", onWorker.code());
            }
        }
    }
}
