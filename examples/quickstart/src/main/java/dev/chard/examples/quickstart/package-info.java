/**
 * The quickstart example behind README's first command: three task beans and a client (example, not API).
 */
package dev.chard.examples.quickstart;
