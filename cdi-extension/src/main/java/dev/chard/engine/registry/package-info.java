/**
 * The immutable task registry built at deployment (internal).
 */
package dev.chard.engine.registry;
