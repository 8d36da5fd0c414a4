/**
 * Redis connections and Lua scripts (internal).
 */
package dev.chard.engine.redis;
