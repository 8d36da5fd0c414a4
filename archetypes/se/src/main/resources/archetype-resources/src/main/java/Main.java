package ${package};

import dev.chard.api.AsyncResult;
import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The client. It boots CDI (Weld SE finds {@link MathTasks} through META-INF/beans.xml, and Chard through its portable
 * extension), calls the task method, which sends the call to Redis, and prints what the worker computed.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        try (SeContainer cdi = SeContainerInitializer.newInstance().initialize()) {
            MathTasks tasks = cdi.select(MathTasks.class).get();
            AsyncResult<Integer> sum = tasks.add(4, 5);         // sent to Redis; returns at once
            System.out.println(sum.get(30, TimeUnit.SECONDS));  // 9, once a worker has run it
        } catch (TimeoutException e) {
            System.err.println("No result within 30 s: is a worker running, on the same Redis? See README.md.");
            System.exit(1);
        }
    }
}
