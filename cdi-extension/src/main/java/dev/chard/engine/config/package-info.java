/**
 * Configuration: every key in ConfigKey, read from the same sources in the application and the worker (internal).
 */
package dev.chard.engine.config;
