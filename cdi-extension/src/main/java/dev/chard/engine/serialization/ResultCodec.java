package dev.chard.engine.serialization;

import dev.chard.api.TaskState;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.errors.ClientErrors;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.lang.reflect.Type;

/** Result records to and from JSON (docs/architecture.md, "Result records"), and return values. Thread-safe. */
public final class ResultCodec {

    private final Jsonb jsonb;

    public ResultCodec(Jsonb jsonb) {
        this.jsonb = jsonb;
    }

    /** A task's return value as JSON; "null" for null (void tasks). */
    public String valueToJson(Object value) {
        if (value == null) {
            return "null";
        }
        try {
            return jsonb.toJson(value);
        } catch (RuntimeException e) {
            throw ClientErrors.resultNotSerializable(value.getClass(), e);
        }
    }

    /** A return value read back as {@code type}; an {@code Object} type gives JSON-B's defaults (BigDecimal, Map, List). */
    public Object valueFromJson(String json, Type type, String taskId) {
        if (json == null || type == void.class || type == Void.class) {
            return null;
        }
        try {
            return jsonb.fromJson(json, type == null ? Object.class : type);
        } catch (RuntimeException e) {
            throw ClientErrors.resultNotReadable(taskId, type, e);
        }
    }

    /** Null fields and zero retries are left out (decode reads them as absent); records written with them read the same. */
    public String encode(ResultRecord r) {
        JsonObjectBuilder b = JsonValues.object().add("id", r.id());
        if (r.task() != null) {
            b.add("task", r.task());
        }
        b.add("state", r.stateName());
        if (r.resultJson() != null) {
            b.add("result", JsonValues.parse(r.resultJson()));
        }
        if (r.exceptionType() != null) {
            JsonObjectBuilder e = JsonValues.object().add("type", r.exceptionType());
            if (r.exceptionMessage() != null) {
                e.add("message", r.exceptionMessage());
            }
            b.add("exception", e);
        }
        if (r.traceback() != null) {
            b.add("traceback", r.traceback());
        }
        if (r.worker() != null) {
            b.add("worker", r.worker());
        }
        if (r.retries() != 0) {
            b.add("retries", r.retries());
        }
        if (r.dateDone() != null) {
            b.add("dateDone", r.dateDone().toString());
        }
        if (r.metaJson() != null) {
            b.add("meta", JsonValues.parse(r.metaJson()));
        }
        return b.build().toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not a result record */
    public ResultRecord decode(String json) {
        try {
            JsonObject o = JsonValues.parse(json).asJsonObject();
            JsonValue result = o.getOrDefault("result", JsonValue.NULL);
            JsonValue exc = o.getOrDefault("exception", JsonValue.NULL);
            String type = null;
            String message = null;
            if (exc.getValueType() == JsonValue.ValueType.OBJECT) {
                type = string(exc.asJsonObject(), "type");
                message = string(exc.asJsonObject(), "message");
            }
            String done = string(o, "dateDone");
            String stateName = o.getString("state");
            TaskState state = standard(stateName);
            JsonValue meta = o.getOrDefault("meta", JsonValue.NULL);
            return new ResultRecord(o.getString("id"), string(o, "task"), state == null ? TaskState.STARTED : state,
                    result.getValueType() == JsonValue.ValueType.NULL ? null : result.toString(), type, message,
                    string(o, "traceback"), string(o, "worker"), o.getInt("retries", 0), done == null ? null : IsoInstants.parse(done),
                    state == null ? stateName : null, meta.getValueType() == JsonValue.ValueType.NULL ? null : meta.toString(), null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Chard result record: " + e.getMessage(), e);
        }
    }

    /** The standard state of that name, or null for a custom one (which counts as STARTED). */
    private static TaskState standard(String name) {
        for (TaskState s : TaskState.values()) {
            if (s.name().equals(name) && s != TaskState.UNKNOWN) {
                return s;
            }
        }
        return null;
    }

    private static String string(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v instanceof JsonString s ? s.getString() : null;
    }
}
