#!/usr/bin/env bash
# Starts Session Shop as it is deployed: Redis with append-only persistence,
# two shop instances sharing one secret key and that Redis, and nginx in
# front, all on loopback ports. Runs until stopped (Ctrl-C), then stops them.
#
#   deploy/start.sh                      # http://127.0.0.1:8080
#   PORT=9080 deploy/start.sh            # another port (the others follow it)
#
# Settings (environment): PORT (nginx, default 8080), SHOP_PORT_1 and
# SHOP_PORT_2 (default PORT+1, PORT+2), REDIS_PORT (default PORT+3),
# SHOP_BIN (default target/release/session-shop, built if missing),
# ROCKET_SECRET_KEY (default a new random key), RUN_DIR (default a new
# temporary directory: logs, pid files, Redis's append-only file).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
SHOP_PORT_1=${SHOP_PORT_1:-$((PORT + 1))}
SHOP_PORT_2=${SHOP_PORT_2:-$((PORT + 2))}
REDIS_PORT=${REDIS_PORT:-$((PORT + 3))}
RUN_DIR=${RUN_DIR:-$(mktemp -d -t session-shop-deploy.XXXXXX)}
SHOP_BIN=${SHOP_BIN:-target/release/session-shop}
export ROCKET_SECRET_KEY=${ROCKET_SECRET_KEY:-$(openssl rand -base64 32)}
mkdir -p "$RUN_DIR"

if [ ! -x "$SHOP_BIN" ]; then
    cargo build --release --bin session-shop
fi

pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 0' INT TERM

# Waits until something answers on loopback port $1 (at most 20 s).
wait_for_port() {
    for _ in $(seq 200); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "nothing answers on port $1; see $RUN_DIR" >&2
    exit 1
}

# Redis keeps the ledger on disk (append-only) and in at most 256 MB: past
# it, volatile-lru evicts only keys with a time to live (server values,
# counts, order records), never the revocations, whose index has none.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN_DIR" \
    --appendonly yes --save "" --maxmemory 256mb --maxmemory-policy volatile-lru \
    --daemonize no >"$RUN_DIR/redis.log" 2>&1 &
pids+=($!)
echo $! >"$RUN_DIR/redis.pid"
wait_for_port "$REDIS_PORT"

for n in 1 2; do
    port_var=SHOP_PORT_$n
    ROCKET_PROFILE=release \
    ROCKET_ADDRESS=127.0.0.1 \
    ROCKET_PORT=${!port_var} \
    ROCKET_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/" \
    ROCKET_IP_HEADER=X-Real-IP \
    ROCKET_PUBLIC_ORIGIN="http://127.0.0.1:$PORT" \
    ROCKET_LOG_LEVEL=critical \
        "$SHOP_BIN" >"$RUN_DIR/shop-$n.log" 2>&1 &
    pids+=($!)
    echo $! >"$RUN_DIR/shop-$n.pid"
done
wait_for_port "$SHOP_PORT_1"
wait_for_port "$SHOP_PORT_2"

sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@PORT@|$PORT|g" \
    -e "s|@SHOP_PORT_1@|$SHOP_PORT_1|g" -e "s|@SHOP_PORT_2@|$SHOP_PORT_2|g" \
    deploy/nginx.conf >"$RUN_DIR/nginx.conf"
nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -e "$RUN_DIR/nginx-error.log" -g 'daemon off;' &
pids+=($!)
wait_for_port "$PORT"

echo "Session Shop at http://127.0.0.1:$PORT/ (instances on $SHOP_PORT_1 and $SHOP_PORT_2, Redis on $REDIS_PORT; logs in $RUN_DIR)"
touch "$RUN_DIR/ready"
wait
