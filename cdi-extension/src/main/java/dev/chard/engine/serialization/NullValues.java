package dev.chard.engine.serialization;

import java.lang.reflect.Type;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What JSON null stands for in a declared type. JSON-B writes {@code Optional.empty()} (and OptionalInt's, Long's,
 * Double's) as null, and a result record leaves a null value out; read back into an Optional type, null is the empty
 * Optional, so that an argument or a result keeps the Optional it was sent as. Every other type reads null as null.
 * Stateless.
 */
final class NullValues {

    private NullValues() {
    }

    static Object of(Type type) {
        Class<?> raw = GenericTypes.raw(type);
        if (raw == Optional.class) {
            return Optional.empty();
        }
        if (raw == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (raw == OptionalLong.class) {
            return OptionalLong.empty();
        }
        return raw == OptionalDouble.class ? OptionalDouble.empty() : null;
    }
}
