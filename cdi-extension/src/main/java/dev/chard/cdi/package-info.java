/**
 * The CDI layer: the portable extension, the interceptor and the producers that adapt the engine (internal).
 */
package dev.chard.cdi;
