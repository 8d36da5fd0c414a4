package dev.chard.bench.jmh;

import java.io.StringReader;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * Evidence for the first optimisation of docs/benchmarks.md, not Chard code: the same JSON as
 * {@code ResultCodec.encode} (a SUCCESS record) and the same parse as {@code JsonValues.parse}, once through
 * {@code jakarta.json.Json} (which looks the provider up with a ServiceLoader and builds a new one on every call, as Chard
 * does today) and once through one cached {@link JsonProvider}. Compare with {@link HotPaths#encodeResult} and
 * {@link HotPaths#decodeMessage}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WhatIfCachedProvider {

    private static final String BODY = "{\"v\":1,\"id\":\"0b6f5a52-3f1c-4a57-9d0e-6d1f7c1b9a11\",\"task\":\"dev.chard.bench.app.BenchTasks.add\","
            + "\"args\":[4,5],\"kwargs\":{},\"retries\":0,\"eta\":null,\"expires\":null,\"queue\":\"default\",\"priority\":4,"
            + "\"rootId\":\"0b6f5a52-3f1c-4a57-9d0e-6d1f7c1b9a11\",\"parentId\":null,\"groupId\":null,\"origin\":\"chard@bench:1\","
            + "\"sentAt\":\"2026-11-26T14:00:00Z\"}";

    private final JsonProvider cached = JsonProvider.provider();

    @Benchmark
    public String encodeResultCachedProvider() {
        JsonProvider p = cached;
        return p.createObjectBuilder()
                .add("id", "0b6f5a52-3f1c-4a57-9d0e-6d1f7c1b9a11")
                .add("task", p.createValue("dev.chard.bench.app.BenchTasks.add"))
                .add("state", "SUCCESS")
                .add("result", parse(p, "9"))
                .add("exception", JsonValue.NULL)
                .add("traceback", JsonValue.NULL)
                .add("worker", p.createValue("bench-worker"))
                .add("retries", 0)
                .add("dateDone", p.createValue(Instant.now().toString()))
                .add("meta", JsonValue.NULL)
                .build()
                .toString();
    }

    @Benchmark
    public JsonObject decodeMessageCachedProvider() {
        return parse(cached, BODY).asJsonObject();
    }

    private static JsonValue parse(JsonProvider p, String json) {
        try (JsonReader r = p.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }
}
