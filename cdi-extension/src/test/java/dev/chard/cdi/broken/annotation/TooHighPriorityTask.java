package dev.chard.cdi.broken.annotation;

import dev.chard.api.AsyncTask;

public class TooHighPriorityTask {

    @AsyncTask(priority = 12)
    public void urgent() {
    }
}
