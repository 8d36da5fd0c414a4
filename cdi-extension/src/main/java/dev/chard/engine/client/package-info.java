/**
 * Sending tasks and reading results, without CDI: the engine behind TaskClient and the interceptor (internal).
 */
package dev.chard.engine.client;
