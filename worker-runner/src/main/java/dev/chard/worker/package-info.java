/**
 * The worker runtime: the consume loop, task execution, heartbeats, banner and shutdown (internal).
 */
package dev.chard.worker;
