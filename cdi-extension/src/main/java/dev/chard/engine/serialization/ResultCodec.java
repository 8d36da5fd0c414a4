package dev.chard.engine.serialization;

import dev.chard.api.TaskSerializationException;
import dev.chard.api.TaskState;
import dev.chard.engine.backend.ResultRecord;
import dev.chard.engine.errors.ClientErrors;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;

import java.lang.reflect.Type;

/** Result records to and from JSON (docs/architecture.md, "Result records"), and return values. Thread-safe. */
public final class ResultCodec {

    private final Jsonb jsonb;
    private final TypeFit fit = new TypeFit();

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

    /**
     * A return value read back as {@code type}; an {@code Object} type gives JSON-B's defaults (BigDecimal, Map, List).
     * A value that is not exactly one of {@code type} (a number out of an Integer's range, a fraction for a Long) is
     * refused rather than wrapped or rounded; null (a record with no value) is the empty Optional for Optional types.
     *
     * @throws TaskSerializationException CHARD-03008, naming the task id, the type and what does not fit
     */
    public Object valueFromJson(String json, Type type, String taskId) {
        if (type == void.class || type == Void.class) {
            return null;
        }
        if (json == null) {
            return NullValues.of(type);
        }
        Type t = type == null ? Object.class : type;
        try {
            if (fit.checks(t)) {
                JsonValue v = JsonValues.parse(json);
                if (v.getValueType() == JsonValue.ValueType.NULL) {
                    return NullValues.of(t);
                }
                Object simple = Arguments.simpleValue(v, t);
                if (simple != null) {
                    return simple;
                }
                TypeFit.Misfit misfit = fit.check(v, t);
                if (misfit != null) {
                    throw ClientErrors.resultNotReadable(taskId, type, misfit.describe(), null);
                }
            }
            return jsonb.fromJson(json, t);
        } catch (TaskSerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ClientErrors.resultNotReadable(taskId, type, e);
        }
    }

    /** Null fields and zero retries are left out (decode reads them as absent); records written with them read the same. */
    public String encode(ResultRecord r) {
        JsonText b = new JsonText(128).string("id", r.id());
        if (r.task() != null) {
            b.string("task", r.task());
        }
        b.string("state", r.stateName());
        if (r.resultJson() != null) {
            b.raw("result", compact(r.resultJson()));
        }
        if (r.exceptionType() != null) {
            b.object("exception", "type", r.exceptionType(), "message", r.exceptionMessage());
        }
        if (r.traceback() != null) {
            b.string("traceback", r.traceback());
        }
        if (r.worker() != null) {
            b.string("worker", r.worker());
        }
        if (r.retries() != 0) {
            b.number("retries", r.retries());
        }
        if (r.dateDone() != null) {
            b.string("dateDone", IsoInstants.format(r.dateDone()));
        }
        if (r.metaJson() != null) {
            b.raw("meta", compact(r.metaJson()));
        }
        return b.end();
    }

    /**
     * A value that is JSON already (JSON-B wrote it), embedded as it is when it is compact, as JSON-B writes by default;
     * with whitespace outside its strings it goes through JSON-P to be written compact, as every record was before.
     */
    private static String compact(String json) {
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                return JsonValues.parse(json).toString();
            }
        }
        return json;
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
