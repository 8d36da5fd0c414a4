package dev.chard.cdi.broken.optional;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Optional;

public class NestedOptionalResultTask {

    @AsyncTask
    public AsyncResult<List<Optional<JsonValue>>> lookup(String key) {
        return AsyncResult.completed(List.of());
    }
}
