#!/usr/bin/env bash
# Load through nginx beside the direct one, and sign-in floods, on the set
# deploy/start.sh starts (release build, Redis with append-only persistence).
#
#   bash deploy/bench.sh [seconds]        # default 10 s per run
#
# Prints req/s and latencies of /health and / (gzip accepted) straight to an
# instance (plain HTTP) and through nginx over TLS (wrk: 32 connections, 2
# threads, HTTP/1.1 with keep-alive, so one TLS handshake per connection),
# then floods
# one instance with sign-ins for the given time: 30 KB usernames (refused
# before any lookup), then 64-character usernames, a new one per request,
# with 30 KB passwords (each one counted in the ledger). After each flood it
# prints the instance's peak memory (VmHWM) and Redis's (used_memory_peak).
# SHOP_BIN names a built binary to use instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${1:-10}
HTTP_PORT=${HTTP_PORT:-8090}
PORT=${PORT:-$((HTTP_PORT + 4))}
for tool in wrk curl redis-cli nginx; do
    command -v "$tool" >/dev/null || { echo "bench: '$tool' is needed" >&2; exit 2; }
done
if [ -z "${SHOP_BIN:-}" ]; then
    cargo build --release --quiet --bin session-shop
fi

RUN_DIR=$(mktemp -d -t session-shop-bench.XXXXXX)
export RUN_DIR PORT HTTP_PORT
bash deploy/start.sh >/dev/null &
SET=$!
trap 'kill $SET 2>/dev/null; wait $SET 2>/dev/null; rm -rf "$RUN_DIR"' EXIT
for _ in $(seq 600); do [ -e "$RUN_DIR/ready" ] && break; sleep 0.1; done
[ -e "$RUN_DIR/ready" ] || { echo "bench: the set did not start" >&2; exit 1; }
INSTANCE=$((HTTP_PORT + 1))
REDIS_PORT=$((HTTP_PORT + 3))
SHOP_PID=$(cat "$RUN_DIR/shop-1.pid")

load() { # label url
    local out
    out=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -H 'Accept-Encoding: gzip' "$2")
    printf '%-34s %10s req/s  p50 %8s  p99 %8s\n' "$1" \
        "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" \
        "$(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "== load ($SECONDS_PER_RUN s each, 32 connections)"
load "/health, straight to an instance" "http://127.0.0.1:$INSTANCE/health"
load "/health, through nginx (TLS)" "https://127.0.0.1:$PORT/health"
load "/ (gzip accepted), straight" "http://127.0.0.1:$INSTANCE/"
load "/ (gzip accepted), nginx (TLS)" "https://127.0.0.1:$PORT/"

memory() {
    printf '   shop instance peak (VmHWM): %s; Redis used_memory_peak: %s, keys: %s\n' \
        "$(awk '/VmHWM/ {printf "%.1f MB", $2 / 1024}' "/proc/$SHOP_PID/status")" \
        "$(redis-cli -p "$REDIS_PORT" info memory | awk -F: '/^used_memory_peak_human/ {print $2}' | tr -d '\r')" \
        "$(redis-cli -p "$REDIS_PORT" dbsize)"
}

flood() { # label username-bytes password-bytes vary
    local jar="$RUN_DIR/jar" page token cookie out
    page=$(curl -s -c "$jar" "http://127.0.0.1:$INSTANCE/login")
    token=$(grep -o 'name="csrf_token" value="[^"]*"' <<<"$page" | head -1 | cut -d '"' -f 4)
    cookie=$(awk '$6 == "session" {print $7}' "$jar")
    out=$(FLOOD_COOKIE=$cookie FLOOD_TOKEN=$token FLOOD_ORIGIN="https://127.0.0.1:$PORT" \
        USERNAME_BYTES=$2 PASSWORD_BYTES=$3 VARY=$4 \
        wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" -s deploy/flood.lua "http://127.0.0.1:$INSTANCE/login")
    echo "== $1"
    printf '   %s requests, %s answered other than 2xx/3xx\n' \
        "$(awk '/requests in/ {print $1}' <<<"$out")" \
        "$(awk '/Non-2xx or 3xx/ {n = $5} END {print n + 0}' <<<"$out")"
    memory
}

echo "== before the floods"
memory
flood "30 KB usernames for $SECONDS_PER_RUN s" 30000 8 0
flood "a new 64-character username per request, 30 KB passwords, for $SECONDS_PER_RUN s" 64 30000 1
