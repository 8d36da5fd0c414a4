/**
 * The task running on a worker thread: what TaskInstance reads, and what tasks sent from it inherit (internal).
 */
package dev.chard.engine.execution;
