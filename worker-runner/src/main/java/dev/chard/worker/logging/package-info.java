/**
 * java.util.logging set-up with Celery's log line format (internal).
 */
package dev.chard.worker.logging;
