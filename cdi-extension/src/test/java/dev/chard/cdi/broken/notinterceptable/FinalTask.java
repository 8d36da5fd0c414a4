package dev.chard.cdi.broken.notinterceptable;

import dev.chard.api.AsyncTask;

public class FinalTask {

    @AsyncTask
    public final void cleanUp() {
    }
}
