#!/usr/bin/env bash
# Runs the quickstart end to end: builds the worker and the example, finds (or starts) a Redis, starts a worker
# on the example jar, runs the client against it, stops everything, and exits with the client's exit code.
#
#   ./examples/quickstart/run.sh                     # uses redis://localhost:6379, or a private redis-server
#   CHARD_REDIS_URL=redis://host:6380 ./examples/quickstart/run.sh
#
# Needs JDK 17, Maven 3.8.7+, and either a Redis at CHARD_REDIS_URL or redis-server on the PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

WORKER_JAR="worker-runner/target/chard-worker.jar"
APP_JAR="examples/quickstart/target/chard-quickstart.jar"
LOG_DIR="examples/quickstart/target"
WORKER_LOG="$LOG_DIR/worker.log"
READY_TIMEOUT_SECONDS=60

REDIS_URL="${CHARD_REDIS_URL:-redis://localhost:6379}"
REDIS_URL="${REDIS_URL%/}"
REDIS_PID=""
REDIS_DIR=""
WORKER_PID=""

log() { printf 'run.sh: %s\n' "$*" >&2; }

# the URL with any password replaced by ***
redacted() { sed -E 's#(//[^/@]*:)[^@/]*@#\1***@#' <<<"$1"; }

cleanup() {
    local code=$?
    if [[ -n "$WORKER_PID" ]] && kill -0 "$WORKER_PID" 2>/dev/null; then
        log "stopping the worker (pid $WORKER_PID) with SIGTERM"
        kill -TERM "$WORKER_PID" 2>/dev/null || true
        for _ in $(seq 1 300); do
            kill -0 "$WORKER_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$WORKER_PID" 2>/dev/null; then
            log "the worker did not stop within 30 s; killing it"
            kill -KILL "$WORKER_PID" 2>/dev/null || true
        fi
        wait "$WORKER_PID" 2>/dev/null || true
    fi
    if [[ -n "$REDIS_PID" ]]; then
        log "stopping the private redis-server (pid $REDIS_PID)"
        kill -TERM "$REDIS_PID" 2>/dev/null || true
        wait "$REDIS_PID" 2>/dev/null || true
    fi
    if [[ -n "$REDIS_DIR" ]]; then
        rm -rf "$REDIS_DIR"
    fi
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# host and port of a redis:// or rediss:// URL (credentials and database ignored)
url_host_port() {
    local rest="${1#*://}"
    rest="${rest##*@}"
    rest="${rest%%/*}"
    local host="${rest%:*}" port="6379"
    if [[ "$rest" == *:* ]]; then
        port="${rest##*:}"
    fi
    printf '%s %s\n' "${host:-localhost}" "$port"
}

# true if something at the URL answers PING
redis_answers() {
    local url="$1" host port reply
    if command -v redis-cli >/dev/null 2>&1; then
        reply="$(timeout 3 redis-cli -u "$url" ping 2>/dev/null || true)"
        [[ "$reply" == "PONG" ]]
        return
    fi
    read -r host port < <(url_host_port "$url")
    # Without redis-cli: a raw PING over bash's /dev/tcp (no AUTH, so only for an open Redis).
    reply="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && printf "PING\r\n" >&3 && head -c 5 <&3' _ "$host" "$port" 2>/dev/null || true)"
    [[ "$reply" == "+PONG" ]]
}

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    return 1
}

start_private_redis() {
    local port
    port="$(free_port)" || { log "found no free port for redis-server"; exit 1; }
    REDIS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/chard-quickstart-redis.XXXXXX")"
    log "starting a private redis-server on port $port (log: $REDIS_DIR/redis.log)"
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
        --dir "$REDIS_DIR" --logfile "$REDIS_DIR/redis.log" &
    REDIS_PID=$!
    REDIS_URL="redis://127.0.0.1:$port"
    for _ in $(seq 1 100); do
        if redis_answers "$REDIS_URL"; then
            return 0
        fi
        if ! kill -0 "$REDIS_PID" 2>/dev/null; then
            break
        fi
        sleep 0.1
    done
    log "redis-server did not answer PING; its log:"
    cat "$REDIS_DIR/redis.log" >&2 || true
    exit 1
}

choose_redis() {
    if redis_answers "$REDIS_URL"; then
        log "using the Redis at $(redacted "$REDIS_URL")"
    elif command -v redis-server >/dev/null 2>&1; then
        log "nothing answers at $(redacted "$REDIS_URL")"
        start_private_redis
    else
        log "nothing answers at $(redacted "$REDIS_URL") and redis-server is not on the PATH."
        log "Start a Redis, set CHARD_REDIS_URL=redis://host:port, or install redis-server (apt-get install redis-server)."
        exit 1
    fi
}

build() {
    if [[ "${SKIP_BUILD:-}" == "1" && -f "$WORKER_JAR" && -f "$APP_JAR" ]]; then
        log "SKIP_BUILD=1: using the existing jars"
        return
    fi
    log "building the worker and the quickstart (mvn -DskipTests install)"
    mvn -B -q -ntp -DskipTests install -pl bom,worker-runner,examples/quickstart -am
}

start_worker() {
    mkdir -p "$LOG_DIR"
    log "starting the worker (log: $WORKER_LOG)"
    # the launcher users run: JVM defaults sized for a worker (docs/worker.md), exec'd so WORKER_PID is the JVM
    CHARD_WORKER_JAR="$WORKER_JAR" worker-runner/bin/chard-worker worker -A "$APP_JAR" -l info -c 2 >"$WORKER_LOG" 2>&1 &
    WORKER_PID=$!
    for _ in $(seq 1 $(( READY_TIMEOUT_SECONDS * 10 ))); do
        if grep -q 'ready\.' "$WORKER_LOG" 2>/dev/null; then
            log "worker ready: $(grep -m1 'ready\.' "$WORKER_LOG")"
            return 0
        fi
        if ! kill -0 "$WORKER_PID" 2>/dev/null; then
            log "the worker exited before it was ready; its log:"
            cat "$WORKER_LOG" >&2
            WORKER_PID=""
            exit 1
        fi
        sleep 0.1
    done
    log "the worker printed no 'ready.' line within ${READY_TIMEOUT_SECONDS} s; its log so far:"
    tail -n 50 "$WORKER_LOG" >&2
    exit 1
}

run_client() {
    log "running the client"
    local code=0
    java -cp "$WORKER_JAR:$APP_JAR" dev.chard.examples.quickstart.QuickstartClient || code=$?
    return "$code"
}

main() {
    build
    choose_redis
    # Both processes read the same URLs from the environment. Queues and results in the same database, the recommended
    # set-up (docs/configuration.md): a result is written in the same atomic step that takes its task off the queue.
    export CHARD_BROKER_URL="$REDIS_URL/0"
    export CHARD_BACKEND_URL="$REDIS_URL/0"
    log "CHARD_BROKER_URL=$(redacted "$CHARD_BROKER_URL") CHARD_BACKEND_URL=$(redacted "$CHARD_BACKEND_URL")"
    start_worker
    local code=0
    run_client || code=$?
    log "client exit code: $code (worker log: $WORKER_LOG)"
    exit "$code"
}

if [[ "${1:-}" == "--redis-only" ]]; then
    # For testing this script: choose or start Redis, print its URL, then clean up.
    choose_redis
    printf '%s\n' "$REDIS_URL"
    exit 0
fi
main
