/**
 * Public API of Chard: what applications compile against. Stable; depends on Jakarta APIs only.
 */
package dev.chard.api;
