#!/usr/bin/env bash
# Lighthouse scores (mobile preset, simulated slow 4G) of both portals' welcome and home pages, in Debian's
# Chromium, against the built portals served by the gateway of a whole system started for it:
#   bash bench/lighthouse.sh                      start a system on port 3160 (database plein_lighthouse), measure
#   LIGHTHOUSE_BASE=http://localhost:3000 bash bench/lighthouse.sh    measure a system that is already up
# LIGHTHOUSE_RUNS (3) runs per page, the median is reported; LIGHTHOUSE_PAGES picks pages (see bench/lighthouse.ts).
# The port must be one the portals' Keycloak clients send logins back to (3000, 3100–3160).
# A benchmark measures and reports; it is not a test and not part of ./plein test.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
source tools/infra.sh
ensure_chromium
export CHROME_PATH="${CHROME_PATH:-${PLEIN_CHROMIUM:-/usr/bin/chromium}}"
# Lighthouse from npm, pinned, kept out of the workspace's dependencies (.local/lighthouse)
LIGHTHOUSE_VERSION=13.5.0
modules="$PWD/.local/lighthouse"
if [ "$(node -p "try{require('$modules/node_modules/lighthouse/package.json').version}catch{''}")" != "$LIGHTHOUSE_VERSION" ]; then
  mkdir -p "$modules"
  [ -f "$modules/package.json" ] || echo '{"private":true}' >"$modules/package.json"
  npm install --prefix "$modules" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
fi
export LIGHTHOUSE_MODULES="$modules"
if [ -z "${LIGHTHOUSE_BASE:-}" ]; then
  port=3160 db=plein_lighthouse run="$PWD/.local/bench-lighthouse"
  mkdir -p "$run"
  natsport=$((port + 1000))
  nats_credentials
  "$(nats_bin)" -c deploy/nats/nats-server.conf -a 127.0.0.1 -p "$natsport" -js -sd "$run/nats" -P "$run/nats.pid" >/dev/null 2>&1 &
  trap 'PLEIN_RUN_DIR=$run ./plein down --keep-keycloak >/dev/null 2>&1; stop_pid $run/nats.pid' EXIT
  PLEIN_PORT=$port PLEIN_DB=$db PLEIN_RUN_DIR=$run NATS_URL=nats://127.0.0.1:$natsport ./plein up >"$run/up.log"
  export LIGHTHOUSE_BASE="http://localhost:$port"
fi
echo "lighthouse: $LIGHTHOUSE_BASE, load average $(cut -d' ' -f1-3 /proc/loadavg)"
node bench/lighthouse.ts
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
