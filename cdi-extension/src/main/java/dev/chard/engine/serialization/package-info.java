/**
 * JSON for messages, arguments, results and stack traces (internal).
 */
package dev.chard.engine.serialization;
