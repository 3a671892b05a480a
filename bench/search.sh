#!/usr/bin/env bash
# Runs the search benchmark against a system started on its own port, database and NATS.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
source tools/infra.sh
export PLEIN_PORT=${PLEIN_PORT:-3300} PLEIN_DB=${PLEIN_DB:-plein_search_bench_v2} PLEIN_RUN_DIR=$PWD/.local/bench-search
mkdir -p .local/bench-search
/usr/sbin/nats-server -a 127.0.0.1 -p 4300 -js -sd "$PWD/.local/bench-search/nats" -P "$PWD/.local/bench-search/nats.pid" >/dev/null 2>&1 &
export NATS_URL=nats://127.0.0.1:4300
trap 'PLEIN_RUN_DIR=$PLEIN_RUN_DIR ./plein down --keep-keycloak >/dev/null; stop_pid $PWD/.local/bench-search/nats.pid' EXIT
./plein up >/dev/null
DATABASE_URL=postgres://postgres@127.0.0.1:5432/$PLEIN_DB GATEWAY_URL=http://localhost:$PLEIN_PORT node bench/search.bench.ts
