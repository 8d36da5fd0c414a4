/**
 * One home for errors: a factory class per area, each exception with a stable CHARD code (internal).
 */
package dev.chard.engine.errors;
