/**
 * Public SPI of Chard: the seams between the API types and the engine that backs them. Applications do not
 * normally implement these; the engine in {@code chard-cdi-extension} does.
 */
package dev.chard.api.spi;
