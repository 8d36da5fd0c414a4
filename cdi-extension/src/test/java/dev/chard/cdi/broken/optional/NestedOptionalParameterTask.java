package dev.chard.cdi.broken.optional;

import dev.chard.api.AsyncTask;

import java.util.Optional;

public class NestedOptionalParameterTask {

    @AsyncTask
    public void remember(Optional<Optional<String>> note) {
    }
}
