package dev.chard.cdi.broken.parameter;

import dev.chard.api.AsyncTask;

import java.io.InputStream;

public class StreamTask {

    @AsyncTask
    public void upload(String name, InputStream data) {
    }
}
