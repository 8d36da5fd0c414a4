package dev.chard.it.server;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A small HTTP client for the example's endpoints. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** An answer: status, body and Location header. */
    public record Answer(int status, String body, String location) {
        public JsonObject json() {
            try (JsonReader r = Json.createReader(new StringReader(body))) {
                return r.readObject();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static Answer get(URL base, String path) {
        return send(HttpRequest.newBuilder(uri(base, path)).GET());
    }

    public static Answer post(URL base, String path) {
        return send(HttpRequest.newBuilder(uri(base, path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public static Answer postJson(URL base, String path, String json) {
        return send(HttpRequest.newBuilder(uri(base, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code GET /api/tasks/{id}} until {@code done} holds (or 60 s pass), returning the last answer. */
    public static JsonObject awaitTask(URL base, String id, Predicate<JsonObject> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            Answer a = get(base, "api/tasks/" + id);
            if (a.status() != 200) {
                throw new AssertionError("GET api/tasks/" + id + " answered " + a);
            }
            last = a.json();
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        }
        throw new AssertionError("task " + id + " did not get there in 60 s; last: " + last);
    }

    public static JsonObject awaitReady(URL base, String id) {
        return awaitTask(base, id, j -> j.getString("state").equals("SUCCESS") || j.getString("state").equals("FAILURE"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static URI uri(URL base, String path) {
        String b = base.toExternalForm();
        return URI.create((b.endsWith("/") ? b : b + "/") + path);
    }

    private static Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new AssertionError("HTTP " + b.build().uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
