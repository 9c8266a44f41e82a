#!/usr/bin/env bash
# Runs a worked example suite against the release build, the way CI does:
# builds and starts the shop on a free loopback port with a fresh secret key,
# installs the suite's pinned dependencies in a virtualenv, runs pytest with
# Debian's Chromium, stops the shop, and exits non-zero when anything fails.
# The suite is the Selenium one (with ChromeDriver), or with SUITE=playwright
# the Playwright one in playwright/. Extra arguments go to pytest (e.g. -k waits).
set -euo pipefail
examples="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$examples/../.." && pwd)"
cd "$root"

case "${SUITE:-selenium}" in
    selenium)
        suite="$examples"
        only=(--ignore "$examples/playwright")
        venv="${EXAMPLES_VENV:-$root/target/examples-venv}" ;;
    playwright)
        suite="$examples/playwright"
        only=()
        venv="${EXAMPLES_VENV:-$root/target/examples-venv-playwright}" ;;
    *)
        echo "run.sh: SUITE is selenium (the default) or playwright" >&2
        exit 1 ;;
esac

chromium="${CHROME_BINARY:-/usr/bin/chromium}"
chromedriver="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
if [[ ! -x "$chromium" || ( "$suite" == "$examples" && -z "$chromedriver" ) ]]; then
    echo "run.sh: needs Chromium ($chromium) and chromedriver on PATH:" \
         "apt-get install chromium chromium-driver" >&2
    exit 1
fi

cargo build --release --bin session-shop

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
log="$root/target/examples-server.log"

ROCKET_PROFILE=release \
ROCKET_ADDRESS=127.0.0.1 \
ROCKET_PORT="$port" \
ROCKET_SECRET_KEY="$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')" \
ROCKET_LOG_LEVEL=critical \
    "$root/target/release/session-shop" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

started=false
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$base/health" 2>/dev/null; then
        started=true
        break
    fi
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
if ! $started; then
    echo "run.sh: the shop did not answer $base/health; its log:" >&2
    cat "$log" >&2
    exit 1
fi

[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$suite/requirements.txt"

# SE_OFFLINE: Selenium Manager must never download a browser or a driver.
status=0
SHOP_BASE_URL="$base" \
CHROME_BINARY="$chromium" \
CHROMEDRIVER="$chromedriver" \
SE_OFFLINE=true \
PYTHONDONTWRITEBYTECODE=1 \
    "$venv/bin/python" -m pytest -p no:cacheprovider "$suite" "${only[@]}" "$@" || status=$?
if ! kill -0 "$server" 2>/dev/null; then
    echo "run.sh: the shop stopped before the suite ended; its log:" >&2
    cat "$log" >&2
    [[ $status -ne 0 ]] || status=1
fi
exit "$status"
