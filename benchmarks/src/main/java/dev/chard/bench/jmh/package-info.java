/** Part of the benchmark suite (docs/benchmarks.md). */
package dev.chard.bench.jmh;
