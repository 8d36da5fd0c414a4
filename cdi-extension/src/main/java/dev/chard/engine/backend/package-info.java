/**
 * The result backend: task records in Redis and the shared notification subscription (internal).
 */
package dev.chard.engine.backend;
