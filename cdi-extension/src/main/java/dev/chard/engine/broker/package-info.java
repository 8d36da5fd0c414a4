/**
 * The broker: queues in Redis, with atomic enqueue, fetch, ack, reclaim and dead-letter (internal).
 */
package dev.chard.engine.broker;
