package dev.chard.cdi.broken.duplicatename;

import dev.chard.api.AsyncTask;

public class SecondReports {

    @AsyncTask(name = "reports.render")
    public void draw(long id) {
    }
}
