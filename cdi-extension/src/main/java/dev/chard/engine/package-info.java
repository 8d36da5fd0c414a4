/**
 * The engine: configuration, registry, serialization, broker and backend. Imports nothing from jakarta.enterprise (internal).
 */
package dev.chard.engine;
