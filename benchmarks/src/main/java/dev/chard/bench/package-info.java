/** The benchmark suite: see docs/benchmarks.md and benchmarks/README.md. */
package dev.chard.bench;
