#!/usr/bin/env bash
# The benchmark suite in one command: builds the worker jar and the harness (skip with CHARD_BENCH_NO_BUILD=1), then
# runs every figure of docs/benchmarks.md on a private redis-server it starts (redis-server must be on the PATH).
#
#   ./benchmarks/run.sh                    # every figure once, plus the -c 1,2,4,8,16 sweep
#   ./benchmarks/run.sh --repeat 3         # every figure 3 times: median and range
#   ./benchmarks/run.sh --jfr worker.jfr --sweep none     # also profile the worker (JFR) and print its top frames
#   ./benchmarks/run.sh jmh -f 1 -wi 3 -i 5               # the JMH hot-path micro-benchmarks instead
#   ./benchmarks/run.sh --help
#
# Extra Maven flags (e.g. -o) in MVN_FLAGS. Results, CSV files, the plot and worker logs: benchmarks/target/bench-results.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [[ "${CHARD_BENCH_NO_BUILD:-}" != "1" ]]; then
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests >&2
fi
exec java -jar benchmarks/target/chard-bench.jar "$@"
