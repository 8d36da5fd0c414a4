package dev.chard.examples.web.tasks;

import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A request-scoped bean: one per HTTP request in the server, one per task on the worker. */
@RequestScoped
public class RequestLedger {

    private final String id = UUID.randomUUID().toString();
    private final List<String> entries = new ArrayList<>();

    public String id() {
        return id;
    }

    public void record(String entry) {
        entries.add(entry);
    }

    public List<String> entries() {
        return List.copyOf(entries);
    }
}
