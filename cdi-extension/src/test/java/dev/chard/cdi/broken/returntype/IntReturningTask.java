package dev.chard.cdi.broken.returntype;

import dev.chard.api.AsyncTask;

public class IntReturningTask {

    @AsyncTask
    public int count(String what) {
        return what.length();
    }
}
