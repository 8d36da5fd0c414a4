package dev.chard.cdi.broken.duplicatename;

import dev.chard.api.AsyncTask;

public class FirstReports {

    @AsyncTask(name = "reports.render")
    public void render(long id) {
    }
}
