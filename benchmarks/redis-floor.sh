#!/usr/bin/env bash
# What Redis itself spends per operation on this machine, whatever the task queue: the floor under the "Redis CPU
# per task" figure. Starts a private redis-server on a free loopback port, drives it with redis-benchmark (one
# client one request at a time, 50 clients, 50 clients pipelining 16) and reads Redis's own CPU time (INFO cpu)
# around each run. Lua scripts are the ones Chard loads: "return 1" alone, and with Chard's prelude prepended.
#
#   ./benchmarks/redis-floor.sh            # about one minute; needs redis-server, redis-cli, redis-benchmark
#   N=500000 ./benchmarks/redis-floor.sh   # more requests per line
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${N:-200000}"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DIR="$(mktemp -d)"
R=(redis-cli -p "$PORT")
trap '"${R[@]}" SHUTDOWN NOSAVE >/dev/null 2>&1 || true; rm -rf "$DIR"' EXIT

redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$DIR" --daemonize yes --logfile "$DIR/log"
for _ in $(seq 50); do "${R[@]}" PING >/dev/null 2>&1 && break; sleep 0.1; done

PRELUDE="$(cat "$ROOT/cdi-extension/src/main/resources/dev/chard/engine/redis/prelude.lua")"
BARE="$("${R[@]}" SCRIPT LOAD 'return 1')"
WITH_PRELUDE="$("${R[@]}" SCRIPT LOAD "$PRELUDE
return 1")"
SET_SCRIPT="$("${R[@]}" SCRIPT LOAD "return redis.call('SET', KEYS[1], ARGV[1])")"

redis_cpu() { "${R[@]}" INFO cpu | tr -d '\r' | awk -F: '/^used_cpu_(user|sys):/ { s += $2 } END { printf "%.6f", s }'; }

# name, clients, pipeline, command...: one line with Redis CPU per request and Redis's own time inside the command
measure() {
    local name="$1" clients="$2" pipeline="$3"
    shift 3
    "${R[@]}" CONFIG RESETSTAT >/dev/null
    local before after out
    before="$(redis_cpu)"
    out="$(redis-benchmark -p "$PORT" -q -n "$N" -c "$clients" -P "$pipeline" "$@" | tr '\r' '\n' | grep -o '[0-9.]* requests per second' | tail -1)"
    after="$(redis_cpu)"
    local inside
    inside="$("${R[@]}" INFO commandstats | tr -d '\r' | grep "^cmdstat_${1,,}:" | grep -o 'usec_per_call=[0-9.]*' | cut -d= -f2)"
    printf '%-28s c=%-3s P=%-3s %8.1f us Redis CPU per request, %6.2f us inside the command, %s\n' \
        "$name" "$clients" "$pipeline" "$(python3 -c "print(($after - $before) * 1e6 / $N)")" "$inside" "$out"
    echo "RESULT metric=redis_floor value=$(python3 -c "print(round(($after - $before) * 1e6 / $N, 2))") unit=us op=\"$name\" clients=$clients pipeline=$pipeline"
}

echo "# redis-server $("${R[@]}" INFO server | tr -d '\r' | awk -F: '/^redis_version:/ { print $2 }') on port $PORT, $N requests per line, $(nproc) CPUs"
for shape in "1 1" "50 1" "50 16"; do
    read -r clients pipeline <<<"$shape"
    measure "PING" "$clients" "$pipeline" PING
    measure "SET" "$clients" "$pipeline" SET 'k:__rand_int__' v
    measure "EVALSHA return 1" "$clients" "$pipeline" EVALSHA "$BARE" 0
    measure "EVALSHA prelude + return 1" "$clients" "$pipeline" EVALSHA "$WITH_PRELUDE" 0
    measure "EVALSHA SET" "$clients" "$pipeline" EVALSHA "$SET_SCRIPT" 1 'k:__rand_int__' v
done
