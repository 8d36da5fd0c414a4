/**
 * The {@code chard} command line ({@code worker}, {@code call}, {@code result}) and its exit codes (internal).
 */
package dev.chard.worker.cli;
