package dev.chard.it.app;

/**
 * A public record, so it passes Chard's deployment-time type check, whose accessor throws: JSON-B fails only when
 * a value is written, at the call site (CHARD-03003).
 */
public record Exploding(String label) {

    @Override
    public String label() {
        throw new UnsupportedOperationException("Exploding.label() refuses to be read");
    }

    @Override
    public String toString() {
        return "Exploding";
    }
}
