package example.broken;

import javax.sql.DataSource;

import dev.chard.api.AsyncTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean that injects what a server provides and Weld SE does not: booting it must fail with CHARD-04002. */
@ApplicationScoped
public class ReportTasks {

    @Inject
    DataSource dataSource;

    @AsyncTask
    public void render(long id) {
        // never runs
    }
}
