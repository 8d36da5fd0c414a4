package dev.chard.examples.quickstart;

import dev.chard.api.AsyncResult;
import dev.chard.api.TaskClient;
import dev.chard.api.TaskFailedException;
import dev.chard.api.TaskState;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * Sends four tasks to a running worker and prints what happened to each: the quickstart's client side.
 *
 * <p>It boots Weld SE, so the Chard extension intercepts {@code @AsyncTask} calls and sends them to the broker
 * named by {@code CHARD_BROKER_URL}; the worker must use the same broker and the same {@code CHARD_BACKEND_URL}.
 * Exit code 0 when every outcome is the expected one, 1 otherwise.
 */
public final class QuickstartClient {

    private static final long WAIT_SECONDS = 30;

    private QuickstartClient() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean allAsExpected;
        try (WeldContainer container = new Weld().initialize()) {
            MathTasks math = container.select(MathTasks.class).get();
            FlakyTasks flaky = container.select(FlakyTasks.class).get();
            SlowTasks slow = container.select(SlowTasks.class).get();
            TaskClient client = container.select(TaskClient.class).get();

            // Calling a task method sends it; the worker runs the body. Each call returns at once.
            AsyncResult<Integer> sum = math.add(4, 5);
            AsyncResult<Integer> quotient = flaky.divide(1, 0);
            CompletionStage<String> echo = slow.slowEcho("hello after 1 s", 1_000);
            // Sending by name needs no bean, only the task's name (Celery's send_task).
            AsyncResult<Object> byName = client.send("dev.chard.examples.quickstart.MathTasks.add", 2, 3);

            allAsExpected = expectValue("add(4, 5)", sum, client, v -> Integer.valueOf(9).equals(v))
                    & expectFailure("divide(1, 0)", quotient, client, ArithmeticException.class.getName())
                    & expectValue("slowEcho(\"hello after 1 s\", 1000)", asResult(echo), client,
                            "hello after 1 s"::equals)
                    & expectValue("send(\"...MathTasks.add\", 2, 3)", byName, client,
                            v -> v instanceof Number n && n.intValue() == 5);

            // An id nobody sent has no record: UNKNOWN, not PENDING as in Celery.
            TaskState unknown = client.asyncResult("no-such-task-id").state();
            System.out.println("asyncResult(\"no-such-task-id\").state() = " + unknown);
            allAsExpected &= unknown == TaskState.UNKNOWN;
        }
        System.out.println(allAsExpected ? "All outcomes as expected." : "SOME OUTCOMES WERE NOT AS EXPECTED.");
        System.exit(allAsExpected ? 0 : 1);
    }

    private static <T> boolean expectValue(String label, AsyncResult<T> result, TaskClient client,
            Predicate<Object> expected) throws InterruptedException {
        System.out.println(label + ": id " + result.id() + ", state just after sending " + result.state());
        try {
            T value = result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            TaskState state = client.asyncResult(result.id()).state();
            System.out.println("  -> " + value + " (state " + state + ")");
            return expected.test(value) && state == TaskState.SUCCESS;
        } catch (ExecutionException e) {
            System.out.println("  -> unexpected failure: " + describe(e.getCause()));
        } catch (TimeoutException e) {
            System.out.println("  -> no result within " + WAIT_SECONDS + " s; is the worker running?");
        }
        return false;
    }

    private static boolean expectFailure(String label, AsyncResult<?> result, TaskClient client,
            String expectedRemoteType) throws InterruptedException {
        System.out.println(label + ": id " + result.id() + ", state just after sending " + result.state());
        try {
            Object value = result.get(WAIT_SECONDS, TimeUnit.SECONDS);
            System.out.println("  -> unexpected value " + value);
        } catch (ExecutionException e) {
            TaskState state = client.asyncResult(result.id()).state();
            System.out.println("  -> failed as expected: " + describe(e.getCause()) + " (state " + state + ")");
            return e.getCause() instanceof TaskFailedException failure
                    && expectedRemoteType.equals(failure.remoteType())
                    && state == TaskState.FAILURE;
        } catch (TimeoutException e) {
            System.out.println("  -> no result within " + WAIT_SECONDS + " s; is the worker running?");
        }
        return false;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof TaskFailedException failure) {
            return failure.remoteType() + ": " + failure.remoteMessage();
        }
        return String.valueOf(cause);
    }

    /** A task method declared as returning CompletionStage still hands back Chard's AsyncResult. */
    private static AsyncResult<String> asResult(CompletionStage<String> stage) {
        if (stage instanceof AsyncResult<String> result) {
            return result;
        }
        throw new IllegalStateException("expected an AsyncResult from an @AsyncTask call, got " + stage);
    }
}
