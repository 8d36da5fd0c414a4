package dev.chard.worker.cli;

import jakarta.json.bind.Jsonb;

import dev.chard.engine.Engine;
import dev.chard.engine.config.ChardConfig;
import dev.chard.engine.registry.TaskRegistry;
import dev.chard.engine.serialization.JsonProviders;

/**
 * An engine with no application, for {@code call} and {@code result}: they send by name and read by id, so they
 * need no task classes. The configuration comes from the same sources as everywhere (plus --broker/--backend).
 */
final class ClientEngine implements AutoCloseable {

    private final Jsonb jsonb;
    private final Engine engine;

    private ClientEngine(Jsonb jsonb, Engine engine) {
        this.jsonb = jsonb;
        this.engine = engine;
    }

    static ClientEngine open() {
        ChardConfig config = ChardConfig.load(ChardCommand.class.getClassLoader());
        Jsonb jsonb = JsonProviders.create();
        try {
            return new ClientEngine(jsonb, Engine.start(config, TaskRegistry.empty(), jsonb));
        } catch (RuntimeException e) {
            closeJsonb(jsonb);
            throw e;
        }
    }

    Engine engine() {
        return engine;
    }

    Jsonb jsonb() {
        return jsonb;
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            closeJsonb(jsonb);
        }
    }

    static void closeJsonb(Jsonb jsonb) {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing to release that matters at exit
        }
    }
}
