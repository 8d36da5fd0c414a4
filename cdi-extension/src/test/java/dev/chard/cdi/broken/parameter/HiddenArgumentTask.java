package dev.chard.cdi.broken.parameter;

import dev.chard.api.AsyncTask;

public class HiddenArgumentTask {

    @AsyncTask
    void store(PackagePrivateArgument argument) {
    }
}
