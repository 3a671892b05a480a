#!/usr/bin/env bash
# Runs one benchmark script against a whole system started for it on its own port, database and NATS:
#   bash bench/run.sh timelines-home-feed|directory-people|search|search-propagation|knowledge|moderation|activities|notifications|documents
# A benchmark measures and reports; it is not a test and not part of ./plein test.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/env.sh
source tools/infra.sh
name="${1:?which benchmark}"
case "$name" in
  timelines-home-feed) port=3220 db=plein_tl_bench script=bench/timelines-home-feed.ts ;;
  directory-people) port=3210 db=plein_dir_bench script=bench/directory-people.bench.ts ;;
  search) port=3300 db=plein_search_bench_v2 script=bench/search.bench.ts ;;
  search-propagation) port=3310 db=plein_propagation_bench script=bench/search-propagation.bench.ts ;;
  knowledge) port=3320 db=plein_knowledge_bench script=bench/knowledge.bench.ts ;;
  moderation) port=3330 db=plein_moderation_bench script=bench/moderation.bench.ts ;;
  activities) port=3340 db=plein_activities_bench script=bench/activities.bench.ts ;;
  notifications) port=3350 db=plein_notifications_bench script=bench/notifications.bench.ts ;;
  # a 200 MB file: the limit raised for the run, the files in the run's folder
  documents) port=3360 db=plein_documents_bench script=bench/documents.bench.ts
    export DOCUMENTS_MAX_BYTES=$((256 * 1024 * 1024)) STORAGE_DIR="$PWD/.local/bench-documents/store" ;;
  *) echo "unknown benchmark $name" >&2; exit 2 ;;
esac
# the NATS store stays with the benchmark's database between runs (services learn people from events)
run="$PWD/.local/bench-$name"
mkdir -p "$run"
natsport=$((port + 1000))
# Plein's NATS configuration (users and permissions per app; local-demo passwords unless the environment sets them)
nats_credentials
"$(nats_bin)" -c deploy/nats/nats-server.conf -a 127.0.0.1 -p "$natsport" -js -sd "$run/nats" -P "$run/nats.pid" >/dev/null 2>&1 &
trap 'PLEIN_RUN_DIR=$run ./plein down --keep-keycloak >/dev/null 2>&1; stop_pid $run/nats.pid' EXIT
PLEIN_PORT=$port PLEIN_DB=$db PLEIN_RUN_DIR=$run NATS_URL=nats://127.0.0.1:$natsport ./plein up >"$run/up.log"
url=http://localhost:$port dburl=postgres://postgres@127.0.0.1:5432/$db
echo "benchmark $name: gateway $url, database $db, load average $(cut -d' ' -f1-3 /proc/loadavg)"
BENCH_NATS_URL=nats://127.0.0.1:$natsport BENCH_RUN_DIR=$run GATEWAY_URL=$url BENCH_URL=$url BENCH_GATEWAY=$url DATABASE_URL=$dburl BENCH_DB=$dburl BENCH_DATABASE_URL=$dburl node "$script"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
