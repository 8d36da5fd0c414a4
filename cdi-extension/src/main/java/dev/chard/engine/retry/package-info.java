/**
 * Retry policy: limits, delays, exponential backoff with a cap and full jitter, which exceptions retry (internal).
 */
package dev.chard.engine.retry;
