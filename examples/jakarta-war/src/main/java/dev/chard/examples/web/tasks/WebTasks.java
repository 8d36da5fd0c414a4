package dev.chard.examples.web.tasks;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The example's tasks. Called inside the server, each method only enqueues the call and returns its handle; the
 * worker ({@code chard-worker.jar worker -A chard-example-jakarta-war.war --packages dev.chard.examples.web.tasks})
 * runs the body. This package references nothing but CDI and Chard, so it boots in the worker's Weld SE.
 */
@ApplicationScoped
public class WebTasks {

    @Inject
    RequestLedger ledger;

    /** {@code web.add}: returns x + y. */
    @AsyncTask(name = "web.add")
    public AsyncResult<Integer> add(int x, int y) {
        return AsyncResult.completed(x + y);
    }

    /** {@code web.fail}: always fails; the caller sees the remote exception's type and message. */
    @AsyncTask(name = "web.fail")
    public AsyncResult<String> fail(String why) {
        throw new IllegalStateException("web.fail was asked to fail: " + why);
    }

    /**
     * {@code web.request-scope}: uses a {@code @RequestScoped} bean twice. The worker runs each task in a request
     * context of its own, so the answer is always {@code <a new ledger id>:<tag>:2}.
     */
    @AsyncTask(name = "web.request-scope")
    public AsyncResult<String> requestScope(String tag) {
        ledger.record(tag);
        ledger.record(tag);
        return AsyncResult.completed(ledger.id() + ":" + String.join(",", ledger.entries().subList(0, 1)) + ":" + ledger.entries().size());
    }
}
