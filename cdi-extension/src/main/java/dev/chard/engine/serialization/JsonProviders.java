package dev.chard.engine.serialization;

import dev.chard.engine.config.ConfigErrors;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.spi.JsonbProvider;
import jakarta.json.spi.JsonProvider;

import java.util.ServiceConfigurationError;

/**
 * The JSON-B and JSON-P implementations Chard needs, asked for in one place, so that a class path without them
 * (Java SE without Yasson) is reported as Chard's requirement, CHARD-02003, rather than as JSON-B's generic
 * "JSON Binding provider ... not found" at the first send. Servers provide both.
 */
public final class JsonProviders {

    private JsonProviders() {
    }

    /**
     * Checks that a JSON-B and a JSON-P implementation can be found (through the thread's context class loader, as
     * JSON-B and JSON-P look for them).
     *
     * @throws dev.chard.api.ConfigurationException CHARD-02003 naming the missing one and the fix
     */
    public static void require() {
        try {
            JsonbProvider.provider();
        } catch (JsonbException | ServiceConfigurationError | LinkageError e) {
            throw ConfigErrors.noJsonImplementation("JSON-B (jakarta.json.bind)", e);
        }
        try {
            JsonProvider.provider();
        } catch (JsonException | ServiceConfigurationError | LinkageError e) {
            throw ConfigErrors.noJsonImplementation("JSON-P (jakarta.json)", e);
        }
    }

    /** A new {@link Jsonb} after {@link #require()}; the caller closes it. */
    public static Jsonb create() {
        require();
        return JsonbBuilder.create();
    }
}
