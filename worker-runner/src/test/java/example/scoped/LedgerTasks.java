package example.scoped;

import dev.chard.api.AsyncResult;
import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A task that writes into the request-scoped ledger and reports what it holds. */
@ApplicationScoped
public class LedgerTasks {

    @Inject
    Ledger ledger;

    @AsyncTask
    public AsyncResult<String> note(String entry) {
        ledger.entries().add(entry);
        return AsyncResult.completed(String.join(",", ledger.entries()));
    }
}
