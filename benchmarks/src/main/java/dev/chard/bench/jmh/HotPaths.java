package dev.chard.bench.jmh;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.chard.bench.app.BenchTasks;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.broker.TaskMessage;
import dev.chard.engine.registry.TaskDescriptor;
import dev.chard.engine.serialization.Arguments;
import dev.chard.engine.serialization.MessageCodec;
import dev.chard.engine.serialization.ResultCodec;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * The CPU hot paths of one add(4, 5) task, without Redis: what the producer does per send (argument and message
 * encoding), what the worker does per task (message decoding, argument binding, result encoding). Average time per
 * operation. Run: {@code java -jar benchmarks/target/chard-bench.jar jmh} (JMH options after it, e.g. {@code -f 1 -wi 3 -i 5}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPaths {

    private Jsonb jsonb;
    private Arguments arguments;
    private MessageCodec messages;
    private ResultCodec results;
    private TaskDescriptor add;
    private String body;
    private TaskMessage decoded;
    private final List<Integer> args = List.of(4, 5);

    @Setup(Level.Trial)
    public void setUp() {
        jsonb = JsonbBuilder.create();
        arguments = new Arguments(jsonb);
        messages = new MessageCodec();
        results = new ResultCodec(jsonb);
        add = JmhRegistry.add();
        body = messages.encode(message(UUID.randomUUID().toString()));
        decoded = messages.decode(body, "default");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        jsonb.close();
    }

    private TaskMessage message(String id) {
        JsonArray a = arguments.encode(add, BenchTasks.ADD, args);
        JsonObject kw = arguments.encodeNamed(BenchTasks.ADD, Map.of());
        return new TaskMessage(id, BenchTasks.ADD, a, kw, 0, null, null, "default", 4, id, null, null, "chard@bench:1", Instant.now());
    }

    /** Producer: the task id, argument encoding (JSON-B per argument, re-parsed to JSON-P) and the message JSON. */
    @Benchmark
    public String encodeMessage() {
        return messages.encode(message(UUID.randomUUID().toString()));
    }

    /** Producer: argument encoding alone. */
    @Benchmark
    public JsonArray encodeArguments() {
        return arguments.encode(add, BenchTasks.ADD, args);
    }

    /** Worker: the message JSON parsed and checked. */
    @Benchmark
    public TaskMessage decodeMessage() {
        return messages.decode(body, "default");
    }

    /** Worker: the JSON arguments bound to add(int, int). */
    @Benchmark
    public Object[] bindArguments() {
        return arguments.bind(add, decoded);
    }

    /** Worker: the return value and the SUCCESS record as JSON. */
    @Benchmark
    public String encodeResult() {
        String value = results.valueToJson(9);
        return results.encode(ResultRecord.success(decoded.id(), decoded.task(), value, "bench-worker", 0));
    }

    /** Worker: decode, bind, encode the result: the serialization share of one task. */
    @Benchmark
    public String workerSerialization() {
        TaskMessage m = messages.decode(body, "default");
        Object[] bound = arguments.bind(add, m);
        String value = results.valueToJson((Integer) bound[0] + (Integer) bound[1]);
        return results.encode(ResultRecord.success(m.id(), m.task(), value, "bench-worker", 0));
    }

    /** Client: a stored SUCCESS record read back (what AsyncResult.get() decodes). */
    @Benchmark
    public Object decodeResult() {
        ResultRecord r = results.decode(encodeResult());
        return results.valueFromJson(r.resultJson(), Integer.class, r.id());
    }
}
