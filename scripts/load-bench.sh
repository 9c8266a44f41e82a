#!/usr/bin/env bash
# Load benchmark: the shop against a bare Rocket 0.5 app, in one run on this
# machine, with wrk sharing its cores.
#
#   bash scripts/load-bench.sh [seconds-per-route] [rounds]
#
# seconds-per-route: 1 to 60, default 5. rounds: 1 to 10, default 1; with
# more, every route is measured once per round, round after round, and the
# report takes each figure's median, so a neighbour's load that comes and
# goes weighs on both sides of a ratio alike.
#
# Builds the release binaries, starts the shop and src/bin/bare-rocket.rs on
# free loopback ports with one generated secret key, prepares sessions
# through the real forms, runs wrk (32 connections, 2 threads) per route,
# then prints req/s, p50, p99 and failures per route, the speed targets of
# BENCHMARKS.md as ratios within this run, and the shop's peak memory. Everything it starts is stopped on exit.

set -euo pipefail

SECONDS_PER_ROUTE="${1:-5}"
ROUNDS="${2:-1}"
CONNECTIONS=32
THREADS=2

if ! [[ "$SECONDS_PER_ROUTE" =~ ^[0-9]+$ ]] || ((SECONDS_PER_ROUTE < 1 || SECONDS_PER_ROUTE > 60)); then
    echo "usage: bash scripts/load-bench.sh [seconds-per-route (1-60, default 5)] [rounds (1-10, default 1)]" >&2
    exit 2
fi
if ! [[ "$ROUNDS" =~ ^[0-9]+$ ]] || ((ROUNDS < 1 || ROUNDS > 10)); then
    echo "load-bench: rounds must be 1 to 10" >&2
    exit 2
fi
for tool in cargo curl wrk awk base64; do
    if ! command -v "$tool" >/dev/null; then
        echo "load-bench: '$tool' is needed (wrk: apt-get install wrk)" >&2
        exit 2
    fi
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/load-bench.XXXXXX")"
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() {
    echo "load-bench: $*" >&2
    exit 1
}

# --- build ------------------------------------------------------------------

echo "== building release binaries"
cargo build --release --bins --quiet
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d '"' -f 4)"
BIN_DIR="${TARGET_DIR:-$ROOT/target}/release"
[[ -x "$BIN_DIR/session-shop" && -x "$BIN_DIR/bare-rocket" ]] || die "release binaries not found in $BIN_DIR"

# --- servers ----------------------------------------------------------------

export ROCKET_SECRET_KEY ROCKET_DATABASE_URL
ROCKET_SECRET_KEY="$(head -c 32 /dev/urandom | base64)"
# The orders go to a database of this run's own, not the working copy's.
ROCKET_DATABASE_URL="sqlite://$WORK/shop.sqlite3?mode=rwc"
USED_PORTS=" "

# A loopback port nothing listens on (the launch below retries if it is taken
# in between).
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        [[ "$USED_PORTS" == *" $port "* ]] && continue
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    die "no free loopback port found"
}

# start NAME BINARY: launches it on a free port and waits for /health; sets
# PORT and PID.
start() {
    local name="$1" binary="$2" attempt
    for attempt in 1 2 3; do
        PORT="$(free_port)"
        USED_PORTS+="$PORT "
        ROCKET_ADDRESS=127.0.0.1 ROCKET_PORT="$PORT" ROCKET_LOG_LEVEL=off ROCKET_CLI_COLORS=false \
            "$binary" >"$WORK/$name.log" 2>&1 &
        PID=$!
        PIDS+=("$PID")
        for _ in $(seq 1 100); do
            # NOTE: alive after answering, so the answer was not another
            # server's on a port taken in between.
            if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null &&
                sleep 0.2 && kill -0 "$PID" 2>/dev/null; then
                echo "   $name: pid $PID on 127.0.0.1:$PORT"
                return
            fi
            kill -0 "$PID" 2>/dev/null || break
            sleep 0.1
        done
        kill "$PID" 2>/dev/null || true
        echo "   $name did not answer on port $PORT (attempt $attempt):" >&2
        tail -n 5 "$WORK/$name.log" >&2 || true
    done
    die "$name would not start"
}

echo "== starting servers"
start shop "$BIN_DIR/session-shop"
SHOP_PORT=$PORT SHOP_PID=$PID
# The bare app sends the grid's own bytes from /page, read on its first
# request (the file is written below, before any load).
export BARE_PAGE="$WORK/grid.html"
start bare "$BIN_DIR/bare-rocket"
BARE_PORT=$PORT
SHOP="http://127.0.0.1:$SHOP_PORT"
BARE="http://127.0.0.1:$BARE_PORT"

# --- sessions, through the real forms ----------------------------------------

# The `session` cookie kept in a curl cookie jar, as the browser sends it.
jar_session() {
    awk -F '\t' '$6 == "session" { value = $7 } END { print value }' "$1"
}

# The first hidden csrf_token in a page.
csrf_token() {
    awk 'match($0, /name="csrf_token" value="[^"]*"/) {
        token = substr($0, RSTART, RLENGTH); sub(/.*value="/, "", token); sub(/"$/, "", token)
        print token; exit
    }' "$1"
}

# The first five product ids of the `/api/products` JSON.
product_ids() {
    awk '{
        line = $0
        while (match(line, /"id" *: *[0-9]+/)) {
            id = substr(line, RSTART, RLENGTH); sub(/.*: */, "", id); line = substr(line, RSTART + RLENGTH)
            if (count < 5) { count++; print id }
        }
    }' "$1"
}

# Percent-encodes a form value.
form_encode() {
    local text="$1" out="" char i
    for ((i = 0; i < ${#text}; i++)); do
        char="${text:i:1}"
        case "$char" in
        [A-Za-z0-9._~-]) out+="$char" ;;
        *) out+="$(printf '%%%02X' "'$char")" ;;
        esac
    done
    printf '%s' "$out"
}

echo "== preparing sessions"
curl -fsS -o /dev/null -c "$WORK/check.jar" "$SHOP/test/session/set"
CHECK_COOKIE="session=$(jar_session "$WORK/check.jar")"
[[ "$(curl -fsS -H "Cookie: $CHECK_COOKIE" "$SHOP/test/session/check")" == "Logged in as user" ]] ||
    die "the shop's session check does not see the value set"

curl -fsS -o /dev/null -c "$WORK/bare.jar" "$BARE/set"
BARE_COOKIE="session=$(jar_session "$WORK/bare.jar")"
[[ "$(curl -fsS -H "Cookie: $BARE_COOKIE" "$BARE/check")" == "Logged in" ]] ||
    die "the bare app's check does not open its cookie"

CART="$WORK/cart.jar"
curl -fsS -o "$WORK/grid.html" -b "$CART" -c "$CART" "$SHOP/"
TOKEN="$(csrf_token "$WORK/grid.html")"
[[ -n "$TOKEN" ]] || die "no csrf_token on the product grid"
curl -fsS -o "$WORK/products.json" "$SHOP/api/products"
mapfile -t PRODUCTS < <(product_ids "$WORK/products.json")
((${#PRODUCTS[@]} == 5)) || die "fewer than 5 products in /api/products"
for product in "${PRODUCTS[@]}"; do
    status="$(curl -sS -o /dev/null -w '%{http_code}' -b "$CART" -c "$CART" \
        --data "product_id=$product&quantity=1&csrf_token=$(form_encode "$TOKEN")" "$SHOP/cart/add")"
    [[ "$status" == 303 ]] || die "POST /cart/add answered $status, not 303"
done
CART_COOKIE="session=$(jar_session "$CART")"
lines="$(curl -fsS -H "Cookie: $CART_COOKIE" "$SHOP/api/cart" | grep -o '"product_id"' | wc -l)"
((lines == 5)) || die "the prepared cart has $lines lines, not 5"
# The cookie may carry a fresh token after the adds: take the one the cart
# page shows for this very cookie.
curl -fsS -o "$WORK/cart.html" -H "Cookie: $CART_COOKIE" "$SHOP/cart"
POST_TOKEN="$(csrf_token "$WORK/cart.html")"
export BENCH_POST_COOKIE="$CART_COOKIE"
export BENCH_POST_BODY="product_id=${PRODUCTS[0]}&quantity=1&csrf_token=$(form_encode "$POST_TOKEN")"
status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $BENCH_POST_COOKIE" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data "$BENCH_POST_BODY" "$SHOP/cart/add")"
[[ "$status" == 303 ]] || die "the benchmarked POST /cart/add answers $status, not 303"
# alice with 20 placed orders (a full page of /orders), and her cookie just
# before the last Place order: sending it again reads that order back from
# the database and answers 303 to it, as a second click does.
ORDERS="$WORK/orders.jar"
curl -fsS -o "$WORK/login.html" -c "$ORDERS" "$SHOP/login"
status="$(curl -sS -o /dev/null -w '%{http_code}' -b "$ORDERS" -c "$ORDERS" \
    --data "username=alice&password=rocket-demo&csrf_token=$(form_encode "$(csrf_token "$WORK/login.html")")" "$SHOP/login")"
[[ "$status" == 303 ]] || die "POST /login answered $status, not 303"
SHIPPING="full_name=Ada+Lovelace&email=ada%40example.com&address=12+Analytical+Row&city=London&postal_code=NW1+6XE"
for n in $(seq 1 20); do
    curl -fsS -o "$WORK/order-cart.html" -b "$ORDERS" -c "$ORDERS" "$SHOP/cart"
    ORDER_TOKEN="$(form_encode "$(csrf_token "$WORK/order-cart.html")")"
    for step in "cart/add product_id=${PRODUCTS[0]}&quantity=1" "checkout $SHIPPING"; do
        status="$(curl -sS -o /dev/null -w '%{http_code}' -b "$ORDERS" -c "$ORDERS" \
            --data "${step#* }&csrf_token=$ORDER_TOKEN" "$SHOP/${step%% *}")"
        [[ "$status" == 303 ]] || die "POST /${step%% *} answered $status, not 303"
    done
    PLACE_COOKIE="session=$(jar_session "$ORDERS")"
    status="$(curl -sS -o /dev/null -w '%{http_code}' -b "$ORDERS" -c "$ORDERS" \
        --data "csrf_token=$ORDER_TOKEN" "$SHOP/checkout/place")"
    [[ "$status" == 303 ]] || die "POST /checkout/place answered $status, not 303 (order $n)"
done
ORDERS_COOKIE="session=$(jar_session "$ORDERS")"
PLACE_BODY="csrf_token=$ORDER_TOKEN"
rows="$(curl -fsS -H "Cookie: $ORDERS_COOKIE" "$SHOP/orders" | grep -o 'data-order-id=' | wc -l)"
((rows == 20)) || die "alice's /orders lists $rows orders, not 20"
again="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' -H "Cookie: $PLACE_COOKIE" \
    --data "$PLACE_BODY" "$SHOP/checkout/place")"
[[ "$again" == "303 "*"/orders/"* ]] || die "Place order sent again answers $again"

echo "   shop check cookie ${#CHECK_COOKIE} bytes, bare ${#BARE_COOKIE} bytes, 5-line cart ${#CART_COOKIE} bytes"

# --- load -------------------------------------------------------------------

# bench KEY URL [wrk options...]: runs wrk and keeps its report as
# KEY.ROUND.wrk.
bench() {
    local key="$1" url="$2"
    shift 2
    printf '   %-22s %s\n' "$key" "$url"
    wrk -c "$CONNECTIONS" -t "$THREADS" -d "${SECONDS_PER_ROUTE}s" --latency "$@" "$url" >"$WORK/$key.$round.wrk" ||
        die "wrk failed on $url"
}

echo "== warming up (1 s per server)"
wrk -c "$CONNECTIONS" -t "$THREADS" -d 1s "$SHOP/" >/dev/null
wrk -c "$CONNECTIONS" -t "$THREADS" -d 1s "$BARE/health" >/dev/null

echo "== load: $CONNECTIONS connections, $THREADS threads, ${SECONDS_PER_ROUTE}s per route, $ROUNDS round(s)"
ROUTES=(bare-health shop-health bare-check shop-check bare-page shop-grid shop-css-br shop-cart shop-api-cart shop-cart-add shop-orders shop-place-again)
# What browsers send; without it (wrk's default) the stylesheet goes out uncompressed.
ACCEPT_ENCODING="Accept-Encoding: gzip, deflate, br, zstd"
STYLESHEET="$(grep -o '/static/css/shop.css?v=[0-9a-f]*' "$WORK/grid.html" | head -n 1)"
[[ -n "$STYLESHEET" ]] || die "no versioned stylesheet on the product grid"
for round in $(seq 1 "$ROUNDS"); do
    ((ROUNDS == 1)) || echo "   -- round $round"
    bench bare-health "$BARE/health"
    bench shop-health "$SHOP/health"
    bench bare-check "$BARE/check" -H "Cookie: $BARE_COOKIE"
    bench shop-check "$SHOP/test/session/check" -H "Cookie: $CHECK_COOKIE"
    bench bare-page "$BARE/page" -H "Cookie: $BARE_COOKIE"
    bench shop-grid "$SHOP/"
    bench shop-css-br "$SHOP$STYLESHEET" -H "$ACCEPT_ENCODING"
    bench shop-cart "$SHOP/cart" -H "Cookie: $CART_COOKIE"
    bench shop-api-cart "$SHOP/api/cart" -H "Cookie: $CART_COOKIE"
    bench shop-cart-add "$SHOP/cart/add" -s "$ROOT/scripts/load-bench-post.lua"
    bench shop-orders "$SHOP/orders" -H "Cookie: $ORDERS_COOKIE" -H "$ACCEPT_ENCODING"
    BENCH_POST_COOKIE="$PLACE_COOKIE" BENCH_POST_BODY="$PLACE_BODY" \
        bench shop-place-again "$SHOP/checkout/place" -s "$ROOT/scripts/load-bench-post.lua"
done

status="$(curl -sS -o /dev/null -w '%{http_code}' -H "Cookie: $BENCH_POST_COOKIE" \
    -H 'Content-Type: application/x-www-form-urlencoded' --data "$BENCH_POST_BODY" "$SHOP/cart/add")"
[[ "$status" == 303 ]] || echo "   WARNING: after the run POST /cart/add answers $status, not 303" >&2

# --- sign-in during a flood ----------------------------------------------------

# A real user signs in 40 times, one after the other, while 64 connections
# from the same address (one office behind one NAT) send wrong passwords for
# ever new usernames: the password checks' lanes must keep her way open.
echo "== sign-in during a flood: 64 connections of wrong sign-ins from the same address"
FLOOD_JAR="$WORK/flood.jar"
curl -fsS -o "$WORK/flood.html" -c "$FLOOD_JAR" "$SHOP/login"
export BENCH_FLOOD_COOKIE="session=$(jar_session "$FLOOD_JAR")"
export BENCH_FLOOD_BODY="password=guess&csrf_token=$(form_encode "$(csrf_token "$WORK/flood.html")")"
wrk -c 64 -t "$THREADS" -d 120s -s "$ROOT/scripts/load-bench-login-flood.lua" "$SHOP/login" >/dev/null 2>&1 &
FLOOD_PID=$!
PIDS+=("$FLOOD_PID")
sleep 1
for n in $(seq 1 40); do
    jar="$WORK/alice-$n.jar"
    curl -fsS -o "$WORK/alice.html" -c "$jar" "$SHOP/login"
    token="$(form_encode "$(csrf_token "$WORK/alice.html")")"
    curl -sS -o /dev/null -w '%{http_code} %{time_total}\n' -b "$jar" -c "$jar" \
        --data "csrf_token=$token&username=alice&password=rocket-demo" "$SHOP/login" >>"$WORK/alice.times"
done
kill "$FLOOD_PID" 2>/dev/null || true
wait "$FLOOD_PID" 2>/dev/null || true
SHOP_HWM_KB="$(awk '/^VmHWM:/ { print $2 }' "/proc/$SHOP_PID/status")"

# --- report -----------------------------------------------------------------

# One line per route and round: key req/s p50-ms p99-ms non-2xx/3xx
# socket-errors.
for report in "$WORK"/*.wrk; do
    key="$(basename "$report" .wrk)"
    awk -v key="${key%.*}" '
        function ms(text,    n) {
            n = text + 0
            if (text ~ /us$/) return n / 1000
            if (text ~ /ms$/) return n
            if (text ~ /s$/) return n * 1000
            return n
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { bad = $NF }
        /Socket errors:/ { gsub(/,/, ""); sock = $4 + $6 + $8 + $10 }
        END { printf "%s %.1f %.3f %.3f %d %d\n", key, rps, p50, p99, bad, sock }
    ' "$report"
done >"$WORK/rounds"

# One line per route, in the order above: the medians over the rounds, and
# the failures summed.
for key in "${ROUTES[@]}"; do
    awk -v key="$key" '
        function median(list,    values, n, i, j, v) {
            n = split(list, values, " ")
            for (i = 2; i <= n; i++) {
                v = values[i] + 0
                for (j = i - 1; j >= 1 && values[j] + 0 > v; j--) values[j + 1] = values[j]
                values[j + 1] = v
            }
            return (n % 2) ? values[(n + 1) / 2] : (values[n / 2] + values[n / 2 + 1]) / 2
        }
        $1 == key { rps = rps " " $2; p50 = p50 " " $3; p99 = p99 " " $4; bad += $5; sock += $6 }
        END { printf "%s %.1f %.3f %.3f %d %d\n", key, median(rps), median(p50), median(p99), bad, sock }
    ' "$WORK/rounds"
done >"$WORK/results"

echo
awk -v rounds="$ROUNDS" '
    BEGIN {
        label["bare-health"] = "bare   GET /health"
        label["shop-health"] = "shop   GET /health"
        label["bare-check"] = "bare   GET /check (cookie)"
        label["shop-check"] = "shop   GET /test/session/check"
        label["bare-page"] = "bare   GET /page (grid pre-rendered)"
        label["shop-grid"] = "shop   GET /"
        label["shop-css-br"] = "shop   GET shop.css (brotli)"
        label["shop-cart"] = "shop   GET /cart (5 lines)"
        label["shop-api-cart"] = "shop   GET /api/cart (5 lines)"
        label["shop-cart-add"] = "shop   POST /cart/add (303)"
        label["shop-orders"] = "shop   GET /orders (20, database)"
        label["shop-place-again"] = "shop   POST /checkout/place again"
        printf "%-32s %10s %9s %9s %11s %9s\n", "route", "req/s", "p50 ms", "p99 ms", "non-2xx/3xx", "sock err"
    }
    {
        printf "%-32s %10.1f %9.3f %9.3f %11d %9d\n", label[$1], $2, $3, $4, $5, $6
        rps[$1] = $2; p99[$1] = $4; bad += $5 + $6
    }
    function ratio(name, a, b, min) {
        r = (rps[b] > 0) ? rps[a] / rps[b] : 0
        printf "%-44s %6.2f   >= %.2f   %s\n", name, r, min, (r >= min) ? "PASS" : "MISS"
    }
    function latency(name, key, max) {
        printf "%-44s %6.2f   <= %.2f   %s\n", name " (ms)", p99[key], max, (p99[key] <= max) ? "PASS" : "MISS"
    }
    END {
        print ""
        print "Targets (BENCHMARKS.md; ratios of req/s in this run" (rounds > 1 ? ", medians of " rounds " rounds" : "") ")"
        ratio("shop /health / bare /health", "shop-health", "bare-health", 0.90)
        ratio("session check / bare private-cookie check", "shop-check", "bare-check", 0.90)
        ratio("GET / / bare app sending the same bytes", "shop-grid", "bare-page", 0.60)
        ratio("GET / / own /health", "shop-grid", "shop-health", 0.25)
        ratio("GET /cart (5 lines) / own /health", "shop-cart", "shop-health", 0.30)
        ratio("POST /cart/add / own /health", "shop-cart-add", "shop-health", 0.40)
        ratio("GET /orders (20) / own /health", "shop-orders", "shop-health", 0.10)
        ratio("POST /checkout/place again / own /health", "shop-place-again", "shop-health", 0.20)
        latency("p99 session check", "shop-check", 2)
        latency("p99 GET /", "shop-grid", 5)
        latency("p99 GET /cart", "shop-cart", 5)
        if (bad > 0) printf "WARNING: %d failed requests (non-2xx/3xx or socket errors)\n", bad
    }
' "$WORK/results"
sort -k2 -n "$WORK/alice.times" | awk '
    { ms[NR] = $2 * 1000; if ($1 == 303) signed++ }
    END {
        p99 = ms[int(NR * 0.99 + 0.999)]
        printf "%-44s %6.1f   (p50 %.1f; signed in %d of %d)\n", "sign-in p99 during a flood (ms)", p99, ms[int(NR / 2 + 0.5)], signed, NR
    }'
awk -v kb="$SHOP_HWM_KB" 'BEGIN {
    mb = kb / 1024
    printf "%-44s %6.1f   <= %.2f  %s\n", "shop peak memory, VmHWM (MB)", mb, 50, (mb <= 50) ? "PASS" : "MISS"
}'
