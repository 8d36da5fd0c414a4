package dev.chard.cdi.broken.notinterceptable;

import dev.chard.api.AsyncTask;

public class StaticTask {

    @AsyncTask
    public static void cleanUp() {
    }
}
