package dev.chard.cdi.broken.configuration;

import dev.chard.api.AsyncTask;

public class PlainTask {

    @AsyncTask
    public void run() {
    }
}
