/**
 * Test support: private {@code redis-server} processes on free loopback ports and child JVMs with captured
 * output (internal, tests only).
 */
package dev.chard.testsupport;
