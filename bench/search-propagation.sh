#!/usr/bin/env bash
# Runs the search propagation benchmark against a system started on its own port, database and NATS.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
source tools/infra.sh
export PLEIN_PORT=${PLEIN_PORT:-3310} PLEIN_DB=${PLEIN_DB:-plein_propagation_bench} PLEIN_RUN_DIR=$PWD/.local/bench-propagation
mkdir -p "$PLEIN_RUN_DIR"
rm -rf "$PLEIN_RUN_DIR/nats"
/usr/sbin/nats-server -a 127.0.0.1 -p 4310 -js -sd "$PLEIN_RUN_DIR/nats" -P "$PLEIN_RUN_DIR/nats.pid" >/dev/null 2>&1 &
export NATS_URL=nats://127.0.0.1:4310
trap 'PLEIN_RUN_DIR=$PLEIN_RUN_DIR ./plein down --keep-keycloak >/dev/null; stop_pid $PLEIN_RUN_DIR/nats.pid' EXIT
./plein up >/dev/null
GATEWAY_URL=http://localhost:$PLEIN_PORT node bench/search-propagation.bench.ts
