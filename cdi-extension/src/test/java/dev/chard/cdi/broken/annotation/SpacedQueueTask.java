package dev.chard.cdi.broken.annotation;

import dev.chard.api.AsyncTask;

public class SpacedQueueTask {

    @AsyncTask(queue = "month end")
    public void close() {
    }
}
