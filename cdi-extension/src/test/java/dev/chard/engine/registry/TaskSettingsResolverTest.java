package dev.chard.engine.registry;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import dev.chard.api.ChardException;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.retry.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A task's effective settings: @AsyncTask's members, each overridden per task name by configuration. */
class TaskSettingsResolverTest {

    static final String NAME = "reports.render";

    @SuppressWarnings("unused")
    static class Tasks {
        @AsyncTask
        public AsyncResult<String> plain() {
            return null;
        }

        @AsyncTask(maxRetries = 7, retryDelay = "5s", autoretryFor = IOException.class, dontAutoretryFor = FileNotFoundException.class,
                retryBackoff = "2s", retryBackoffMax = "1m", retryJitter = false, ignoreResult = true, resultExpires = "1h")
        public AsyncResult<String> tuned() {
            return null;
        }

        @AsyncTask(maxRetries = AsyncTask.RETRY_FOREVER)
        public AsyncResult<String> forever() {
            return null;
        }

        @AsyncTask(retryDelay = "soon")
        public AsyncResult<String> badDelay() {
            return null;
        }

        @AsyncTask(maxRetries = -2)
        public AsyncResult<String> badMaxRetries() {
            return null;
        }

        @AsyncTask(resultExpires = "-5s", retryBackoffMax = "lots")
        public AsyncResult<String> twoBadMembers() {
            return null;
        }
    }

    record Outcome(TaskSettings settings, List<ChardException> errors) {
    }

    static Outcome resolve(String method, Map<String, String> config) throws NoSuchMethodException {
        Method m = Tasks.class.getMethod(method);
        TaskDescriptor d = new TaskDescriptor(NAME, Tasks.class, m, ReturnKind.ASYNC_RESULT, String.class, List.of(), List.of(), null, null);
        List<ChardException> errors = new ArrayList<>();
        TaskSettings s = TaskSettingsResolver.resolve(d, m.getAnnotation(AsyncTask.class), ChardConfig.of(config), errors::add);
        return new Outcome(s, errors);
    }

    static String key(String setting) {
        return "chard.task.\"" + NAME + "\"." + setting;
    }

    @Test
    void defaultsAreCelerys() throws Exception {
        Outcome o = resolve("plain", Map.of());
        assertTrue(o.errors().isEmpty(), o.errors().toString());
        RetryPolicy r = o.settings().retry();
        assertEquals(3, r.maxRetries());
        assertEquals(Duration.ofSeconds(180), r.retryDelay());
        assertNull(r.backoffFactor(), "no backoff unless asked");
        assertEquals(Duration.ofSeconds(600), r.backoffMax());
        assertTrue(r.jitter());
        assertEquals(List.of(), r.autoretryFor());
        assertFalse(o.settings().ignoreResult());
        assertNull(o.settings().resultExpires(), "null: chard.result.expires");
        assertEquals(TaskSettings.DEFAULTS, o.settings());
    }

    @Test
    void annotationValuesAreRead() throws Exception {
        Outcome o = resolve("tuned", Map.of());
        assertTrue(o.errors().isEmpty(), o.errors().toString());
        RetryPolicy r = o.settings().retry();
        assertEquals(7, r.maxRetries());
        assertEquals(Duration.ofSeconds(5), r.retryDelay());
        assertEquals(Duration.ofSeconds(2), r.backoffFactor());
        assertEquals(Duration.ofMinutes(1), r.backoffMax());
        assertFalse(r.jitter());
        assertEquals(List.of(IOException.class), r.autoretryFor());
        assertEquals(List.of(FileNotFoundException.class), r.dontAutoretryFor());
        assertTrue(o.settings().ignoreResult());
        assertEquals(Duration.ofHours(1), o.settings().resultExpires());
        assertEquals(RetryPolicy.FOREVER, resolve("forever", Map.of()).settings().retry().maxRetries());
    }

    @Test
    void eachConfigurationOverrideWins() throws Exception {
        Map<String, String> c = new HashMap<>();
        c.put(key("max-retries"), "-1");
        c.put(key("retry-delay"), "250ms");
        c.put(key("retry-backoff"), "3s");
        c.put(key("retry-backoff-max"), "2m");
        c.put(key("retry-jitter"), "TRUE");
        c.put(key("ignore-result"), "false");
        c.put(key("result-expires"), "5s");
        Outcome o = resolve("tuned", c);
        assertTrue(o.errors().isEmpty(), o.errors().toString());
        RetryPolicy r = o.settings().retry();
        assertEquals(RetryPolicy.FOREVER, r.maxRetries());
        assertEquals(Duration.ofMillis(250), r.retryDelay());
        assertEquals(Duration.ofSeconds(3), r.backoffFactor());
        assertEquals(Duration.ofMinutes(2), r.backoffMax());
        assertTrue(r.jitter());
        assertFalse(o.settings().ignoreResult());
        assertEquals(Duration.ofSeconds(5), o.settings().resultExpires());
        assertEquals(List.of(IOException.class), r.autoretryFor(), "not overridable: still the annotation's");
    }

    @Test
    void eachOverrideAloneWinsOverTheAnnotationAndLeavesTheOthers() throws Exception {
        assertEquals(1, resolve("tuned", Map.of(key("max-retries"), "1")).settings().retry().maxRetries());
        assertEquals(Duration.ofSeconds(5), resolve("tuned", Map.of(key("max-retries"), "1")).settings().retry().retryDelay());
        assertEquals(Duration.ofMinutes(3), resolve("plain", Map.of(key("retry-delay"), "3m")).settings().retry().retryDelay());
        assertEquals(Duration.ofSeconds(1), resolve("plain", Map.of(key("retry-backoff"), "1s")).settings().retry().backoffFactor());
        assertEquals(Duration.ofSeconds(9), resolve("plain", Map.of(key("retry-backoff-max"), "9s")).settings().retry().backoffMax());
        assertFalse(resolve("plain", Map.of(key("retry-jitter"), "false")).settings().retry().jitter());
        assertTrue(resolve("plain", Map.of(key("ignore-result"), "true")).settings().ignoreResult());
        assertEquals(Duration.ofDays(2), resolve("plain", Map.of(key("result-expires"), "2d")).settings().resultExpires());
    }

    @Test
    void theUnquotedKeyFormIsReadToo() throws Exception {
        Outcome o = resolve("plain", Map.of("chard.task." + NAME + ".max-retries", "9"));
        assertEquals(9, o.settings().retry().maxRetries());
    }

    @Test
    void anotherTasksOverrideDoesNotApply() throws Exception {
        Outcome o = resolve("plain", Map.of("chard.task.\"other.task\".max-retries", "9"));
        assertEquals(3, o.settings().retry().maxRetries());
    }

    @Test
    void aBadOverrideIsChard01007NamingTheKey() throws Exception {
        Map<String, String> bad = Map.of(
                "max-retries", "three",
                "retry-delay", "soon",
                "retry-backoff", "fast",
                "retry-backoff-max", "-5s",
                "retry-jitter", "yes",
                "ignore-result", "1",
                "result-expires", "forever");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Outcome o = resolve("plain", Map.of(key(e.getKey()), e.getValue()));
            assertNull(o.settings(), e.getKey() + "=" + e.getValue() + " must not resolve");
            assertEquals(1, o.errors().size(), e + ": " + o.errors());
            ChardException x = o.errors().get(0);
            assertEquals("CHARD-01007", x.code(), x.getMessage());
            assertTrue(x.getMessage().contains(key(e.getKey())), "names the key: " + x.getMessage());
            assertTrue(x.getMessage().contains(e.getValue()), "quotes the value: " + x.getMessage());
            assertTrue(x.getMessage().contains("Tasks#plain"), "names the method: " + x.getMessage());
        }
        Outcome below = resolve("plain", Map.of(key("max-retries"), "-2"));
        assertEquals("CHARD-01007", below.errors().get(0).code());
    }

    @Test
    void aBadAnnotationValueIsChard01005NamingTheMember() throws Exception {
        Outcome delay = resolve("badDelay", Map.of());
        assertNull(delay.settings());
        assertEquals(1, delay.errors().size(), delay.errors().toString());
        assertEquals("CHARD-01005", delay.errors().get(0).code());
        assertTrue(delay.errors().get(0).getMessage().contains("retryDelay"), delay.errors().get(0).getMessage());
        assertTrue(delay.errors().get(0).getMessage().contains("soon"), delay.errors().get(0).getMessage());

        Outcome max = resolve("badMaxRetries", Map.of());
        assertNull(max.settings());
        assertEquals("CHARD-01005", max.errors().get(0).code());
        assertTrue(max.errors().get(0).getMessage().contains("maxRetries"), max.errors().get(0).getMessage());

        Outcome two = resolve("twoBadMembers", Map.of());
        assertNull(two.settings());
        assertEquals(2, two.errors().size(), "every bad member is reported: " + two.errors());
    }

    @Test
    void aGoodOverrideRepairsABadAnnotationValue() throws Exception {
        Outcome o = resolve("badDelay", Map.of(key("retry-delay"), "10s"));
        assertTrue(o.errors().isEmpty(), o.errors().toString());
        assertEquals(Duration.ofSeconds(10), o.settings().retry().retryDelay());
    }
}
