package dev.chard.cdi.broken.parameter;

import dev.chard.api.AsyncTask;

public class GenericTask {

    @AsyncTask
    public <T> void keep(T value) {
    }
}
