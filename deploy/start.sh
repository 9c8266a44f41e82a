#!/usr/bin/env bash
# Starts Session Shop as it is deployed: Redis with append-only persistence,
# Postgres for the orders, two shop instances sharing one secret key, that
# Redis and that database, and nginx in front speaking TLS and HTTP/2, all
# on loopback ports. Runs until stopped
# (Ctrl-C), then stops them.
#
#   deploy/start.sh                               # https://127.0.0.1:8443
#   PORT=9443 HTTP_PORT=9080 deploy/start.sh      # other ports
#
# Settings (environment): PORT (nginx over TLS, default 8443), HTTP_PORT
# (nginx over plain HTTP, which only redirects to PORT; default 8080),
# SHOP_PORT_1 and SHOP_PORT_2 (default HTTP_PORT+1, HTTP_PORT+2), REDIS_PORT
# (default HTTP_PORT+3), PG_PORT (default HTTP_PORT+4), PG_BIN (Debian's
# Postgres programs, default the newest /usr/lib/postgresql/*/bin), TLS_CERT and TLS_KEY (PEM files; default a
# self-signed certificate for 127.0.0.1 and localhost, made here with
# openssl), SHOP_BIN (default target/release/session-shop, built if
# missing), ROCKET_SECRET_KEY (default a new random key), RUN_DIR (default a
# new temporary directory: logs, pid files, the certificate, Redis's
# append-only file, Postgres's cluster).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8443}
HTTP_PORT=${HTTP_PORT:-8080}
SHOP_PORT_1=${SHOP_PORT_1:-$((HTTP_PORT + 1))}
SHOP_PORT_2=${SHOP_PORT_2:-$((HTTP_PORT + 2))}
REDIS_PORT=${REDIS_PORT:-$((HTTP_PORT + 3))}
PG_PORT=${PG_PORT:-$((HTTP_PORT + 4))}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
RUN_DIR=${RUN_DIR:-$(mktemp -d -t session-shop-deploy.XXXXXX)}
SHOP_BIN=${SHOP_BIN:-target/release/session-shop}
export ROCKET_SECRET_KEY=${ROCKET_SECRET_KEY:-$(openssl rand -base64 32)}
mkdir -p "$RUN_DIR"

# A certificate of its own when none is given: browsers warn about it (it
# is signed by nobody they trust); the deployment's tests trust this file.
if [ -z "${TLS_CERT:-}" ] || [ -z "${TLS_KEY:-}" ]; then
    TLS_CERT="$RUN_DIR/cert.pem"
    TLS_KEY="$RUN_DIR/key.pem"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$TLS_KEY" -out "$TLS_CERT" -days 30 -subj "/CN=127.0.0.1" \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
fi

if [ ! -x "$SHOP_BIN" ]; then
    cargo build --release --bin session-shop
fi

pids=()
stop() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    # NOTE: as root, Postgres runs under runuser; stop the server itself.
    if [ -f "$RUN_DIR/postgres/data/postmaster.pid" ]; then
        kill "$(head -n 1 "$RUN_DIR/postgres/data/postmaster.pid")" 2>/dev/null || true
    fi
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
# counts), never the revocations, whose index has none.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN_DIR" \
    --appendonly yes --save "" --maxmemory 256mb --maxmemory-policy volatile-lru \
    --daemonize no >"$RUN_DIR/redis.log" 2>&1 &
pids+=($!)
echo $! >"$RUN_DIR/redis.pid"
wait_for_port "$REDIS_PORT"

# Postgres keeps the orders, shared by both instances (each runs the
# migrations at launch; they take a lock, so one runs them). It refuses to
# run as root: as root, it runs as the postgres user Debian's package makes.
if [ ! -x "$PG_BIN/postgres" ]; then
    echo "no Postgres in PG_BIN=$PG_BIN (apt-get install postgresql)" >&2
    exit 1
fi
mkdir -p "$RUN_DIR/postgres"
as_postgres=()
if [ "$(id -u)" = 0 ]; then
    chmod 711 "$RUN_DIR"
    chown postgres: "$RUN_DIR/postgres"
    as_postgres=(runuser -u postgres --)
fi
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$RUN_DIR/postgres/data" --auth=trust \
    --username=shop --encoding=UTF8 >"$RUN_DIR/initdb.log" 2>&1
"${as_postgres[@]}" "$PG_BIN/postgres" -D "$RUN_DIR/postgres/data" -p "$PG_PORT" \
    -h 127.0.0.1 -k "$RUN_DIR/postgres" >"$RUN_DIR/postgres.log" 2>&1 &
pids+=($!)
wait_for_port "$PG_PORT"
for _ in $(seq 100); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
    sleep 0.1
done
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U shop shop

for n in 1 2; do
    port_var=SHOP_PORT_$n
    ROCKET_PROFILE=release \
    ROCKET_ADDRESS=127.0.0.1 \
    ROCKET_PORT=${!port_var} \
    ROCKET_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/" \
    ROCKET_DATABASE_URL="postgres://shop@127.0.0.1:$PG_PORT/shop" \
    ROCKET_IP_HEADER=X-Real-IP \
    ROCKET_PUBLIC_ORIGIN="https://127.0.0.1:$PORT" \
    ROCKET_SECURE_COOKIES=true \
    ROCKET_LOG_LEVEL=critical \
        "$SHOP_BIN" >"$RUN_DIR/shop-$n.log" 2>&1 &
    pids+=($!)
    echo $! >"$RUN_DIR/shop-$n.pid"
done
wait_for_port "$SHOP_PORT_1"
wait_for_port "$SHOP_PORT_2"

sed -e "s|@RUN_DIR@|$RUN_DIR|g" -e "s|@PORT@|$PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
    -e "s|@SHOP_PORT_1@|$SHOP_PORT_1|g" -e "s|@SHOP_PORT_2@|$SHOP_PORT_2|g" \
    -e "s|@TLS_CERT@|$TLS_CERT|g" -e "s|@TLS_KEY@|$TLS_KEY|g" \
    deploy/nginx.conf >"$RUN_DIR/nginx.conf"
nginx -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR" -e "$RUN_DIR/nginx-error.log" -g 'daemon off;' &
pids+=($!)
wait_for_port "$PORT"
wait_for_port "$HTTP_PORT"

echo "Session Shop at https://127.0.0.1:$PORT/ (http://127.0.0.1:$HTTP_PORT/ redirects there; instances on $SHOP_PORT_1 and $SHOP_PORT_2, Redis on $REDIS_PORT, Postgres on $PG_PORT; logs and certificate in $RUN_DIR)"
touch "$RUN_DIR/ready"
wait
