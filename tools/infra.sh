# Helpers for ./plein: local PostgreSQL, NATS and Keycloak, installing from Debian's packages when absent.
TEST_NATS_PORT="${TEST_NATS_PORT:-4223}"

step() {
  local name="$1"; shift
  echo "==> $name"
  local t=$SECONDS
  "$@"
  echo "<== $name: ok ($((SECONDS - t)) s)"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

apt_install() {
  echo "plein: installing $* from Debian's packages" >&2
  if [ ! -f "$PLEIN_ROOT/.local/apt-updated" ]; then apt-get update -qq >&2; mkdir -p "$PLEIN_ROOT/.local"; touch "$PLEIN_ROOT/.local/apt-updated"; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_postgres() {
  if port_open 5432; then ensure_dutch_dictionary; return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql; fi
  local version; version=$(ls /etc/postgresql | sort -V | tail -1)
  # trust on loopback, as this machine kind is set up
  local hba="/etc/postgresql/$version/main/pg_hba.conf"
  if ! grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
    sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
  fi
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do port_open 5432 && { ensure_dutch_dictionary; return; }; sleep 1; done
  echo "plein: PostgreSQL did not start on 127.0.0.1:5432" >&2; return 1
}

# The search service's Dutch compound splitting (services/search, migration dutch_compounds) needs an Ispell
# dictionary in PostgreSQL's tsearch_data: made from Debian's Dutch Hunspell files (hunspell-nl) by
# deploy/postgres/hunspell-to-tsearch.awk. Idempotent: redone only when the source or the script is newer.
ensure_dutch_dictionary() {
  local major dir
  major=$(psql -h 127.0.0.1 -U postgres -Atc "select current_setting('server_version_num')::int / 10000" 2>/dev/null) || major=""
  dir="/usr/share/postgresql/$major/tsearch_data"
  if [ -z "$major" ] || [ ! -d "$dir" ]; then
    if command -v pg_config >/dev/null 2>&1; then dir="$(pg_config --sharedir)/tsearch_data"; fi
  fi
  if [ ! -d "$dir" ]; then
    echo "plein: PostgreSQL's tsearch_data folder is not on this machine; search runs without Dutch compound splitting" >&2
    return 0
  fi
  if [ ! -f /usr/share/hunspell/nl.dic ] || [ ! -f /usr/share/hunspell/nl.aff ]; then apt_install hunspell-nl; fi
  local script="$PLEIN_ROOT/deploy/postgres/hunspell-to-tsearch.awk"
  if [ -f "$dir/plein_nl.dict" ] && [ "$dir/plein_nl.dict" -nt /usr/share/hunspell/nl.dic ] &&
    [ "$dir/plein_nl.dict" -nt "$script" ] && [ -f "$dir/plein_nl.affix" ]; then
    return 0
  fi
  echo "plein: installing the Dutch compound dictionary (hunspell-nl) into $dir"
  awk -f "$script" /usr/share/hunspell/nl.aff /usr/share/hunspell/nl.dic >"$dir/plein_nl.dict.tmp" &&
    cp /usr/share/hunspell/nl.aff "$dir/plein_nl.affix.tmp" &&
    mv "$dir/plein_nl.affix.tmp" "$dir/plein_nl.affix" && mv "$dir/plein_nl.dict.tmp" "$dir/plein_nl.dict"
}

ensure_database() {
  local db="$1"
  if ! psql -h 127.0.0.1 -U postgres -Atc "select 1 from pg_database where datname = '$db'" | grep -q 1; then
    psql -h 127.0.0.1 -U postgres -qc "create database \"$db\""
  fi
}

nats_bin() {
  if [ ! -x /usr/sbin/nats-server ] && ! command -v nats-server >/dev/null 2>&1; then apt_install nats-server; fi
  if [ -x /usr/sbin/nats-server ]; then echo /usr/sbin/nats-server; else command -v nats-server; fi
}

# Plein's own NATS servers run with deploy/nats's configuration: every app authenticates as its own user with the
# permissions deploy/nats/permissions.conf gives it. The passwords come from the environment (NATS_<APP>_PASSWORD);
# what is not set takes the local-demo default of deploy/nats/local.env. The machine's NATS on 4222 (anonymous)
# is not used.
nats_credentials() {
  local line name
  while IFS= read -r line; do
    case "$line" in '#'* | '') continue ;; esac
    name="${line%%=*}"
    if [ -z "${!name:-}" ]; then export "$name=${line#*=}"; fi
  done <"$PLEIN_ROOT/deploy/nats/local.env"
}

# The password of NATS user $1 (an app's name), after nats_credentials.
nats_password() {
  local var="NATS_${1^^}_PASSWORD"
  echo "${!var}"
}

# start_plein_nats <port> <dir> <config>: a nats-server with JetStream, store <dir>/store, pid <dir>/nats.pid.
start_plein_nats() {
  local port="$1" dir="$2" conf="$3" bin
  bin=$(nats_bin)
  nats_credentials
  # Never reuse a NATS that something else left on the port: it may be anonymous or hold another run's stream.
  if port_open "$port"; then
    echo "plein: port $port is taken by a process this checkout did not start; stop it or choose another port" >&2
    return 1
  fi
  mkdir -p "$dir"
  "$bin" -c "$conf" -a 127.0.0.1 -p "$port" -js -sd "$dir/store" -P "$dir/nats.pid" >"$dir/nats.log" 2>&1 &
  for _ in $(seq 1 40); do port_open "$port" && return 0; sleep 0.25; done
  echo "plein: NATS did not start on port $port" >&2; cat "$dir/nats.log" >&2; return 1
}

# `up`'s NATS (PLEIN_NATS_PORT, 4224 by default), with the real configuration; its stream survives `down`.
# Restarted by every `up` (the apps are too), so a changed deploy/nats or password always applies.
ensure_plein_nats() {
  local port="${PLEIN_NATS_PORT:-4224}" dir="$PLEIN_ROOT/.local/nats"
  stop_plein_nats
  start_plein_nats "$port" "$dir" "$PLEIN_ROOT/deploy/nats/nats-server.conf"
}

stop_plein_nats() { stop_pid "$PLEIN_ROOT/.local/nats/nats.pid"; }

# The tests get their own NATS with JetStream and an empty store, so they never touch a running system's stream.
# It runs deploy/nats/nats-test.conf: the apps' users as in production, plus the test-only user plein-test.
start_test_nats() {
  stop_test_nats
  local dir="$PLEIN_ROOT/.local/nats-test"
  rm -rf "$dir"
  start_plein_nats "$TEST_NATS_PORT" "$dir" "$PLEIN_ROOT/deploy/nats/nats-test.conf"
}

stop_test_nats() { stop_pid "$PLEIN_ROOT/.local/nats-test/nats.pid"; }

# The documents' S3-compatible store for the tests: s3proxy (Maven Central, run on the machine's Java with a
# filesystem backend; deploy/local/s3proxy.sh fetches it once into the cache), on TEST_S3PROXY_PORT (default: the
# test NATS port + 5000), with fresh data each run. The storage contract test (libs/storage/test) uses it through
# TEST_S3_ENDPOINT, and starts it itself the same way when run alone.
TEST_S3PROXY_PORT="${TEST_S3PROXY_PORT:-$((TEST_NATS_PORT + 5000))}"
start_test_s3proxy() {
  stop_test_s3proxy
  rm -rf "$PLEIN_ROOT/.local/s3proxy-$TEST_S3PROXY_PORT/data"
  S3PROXY_PORT="$TEST_S3PROXY_PORT" bash "$PLEIN_ROOT/deploy/local/s3proxy.sh" start
  S3PROXY_PORT="$TEST_S3PROXY_PORT" bash "$PLEIN_ROOT/deploy/local/s3proxy.sh" wait
  export TEST_S3_ENDPOINT="http://127.0.0.1:$TEST_S3PROXY_PORT"
}
stop_test_s3proxy() { S3PROXY_PORT="$TEST_S3PROXY_PORT" bash "$PLEIN_ROOT/deploy/local/s3proxy.sh" stop; }

stop_pid() {
  local file="$1"
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

install_dependencies() {
  local stamp="$PLEIN_ROOT/node_modules/.plein-installed"
  if [ ! -f "$stamp" ] || [ "$PLEIN_ROOT/package-lock.json" -nt "$stamp" ]; then
    echo "plein: installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    touch "$stamp"
  fi
}

# The services and gateway (tsc), then the two portals (Vite) that the gateway serves.
build() { npx tsc -b tsconfig.build.json && npm run --silent build:portals; }

# Debian's Chromium for the portals' browser tests (playwright-core drives it; no browser download).
ensure_chromium() {
  if [ -x "${PLEIN_CHROMIUM:-/usr/bin/chromium}" ]; then return 0; fi
  apt_install chromium fonts-dejavu-core
}

keycloak_start_if_needed() {
  if bash "$PLEIN_ROOT/deploy/local/keycloak.sh" status >/dev/null 2>&1; then return 0; fi
  # A Keycloak with both realms already answering (for example one started from another checkout) is reused.
  if curl -fsS -o /dev/null "http://localhost:${KEYCLOAK_PORT:-8080}/realms/staff/.well-known/openid-configuration" 2>/dev/null &&
    curl -fsS -o /dev/null "http://localhost:${KEYCLOAK_PORT:-8080}/realms/clients/.well-known/openid-configuration" 2>/dev/null; then
    echo "plein: reusing the Keycloak that answers on port ${KEYCLOAK_PORT:-8080}"
    return 0
  fi
  bash "$PLEIN_ROOT/deploy/local/keycloak.sh" start
}

keycloak_wait() { bash "$PLEIN_ROOT/deploy/local/keycloak.sh" wait; }

smoke_test() {
  local port="${PLEIN_SMOKE_PORT:-3100}" db="${PLEIN_SMOKE_DB:-plein_smoke_test}" run="$PLEIN_ROOT/.local/smoke"
  rm -rf "$run"
  local ok=0
  # whatever happens, stop what `up` started, so no stray service joins a later run's NATS
  trap 'PLEIN_RUN_DIR="'"$run"'" "$PLEIN_ROOT/plein" down --keep-keycloak >/dev/null 2>&1 || true; trap - RETURN' RETURN
  if ! PLEIN_PORT=$port PLEIN_DB=$db PLEIN_RUN_DIR="$run" NATS_URL="nats://127.0.0.1:$TEST_NATS_PORT" \
    "$PLEIN_ROOT/plein" up | tee "$run.out"; then
    echo "smoke: the start command failed" >&2
    return 1
  fi
  grep -q "http://localhost:$port/" "$run.out" || { echo "smoke: the start command did not print the URLs" >&2; ok=1; }
  local ready; ready=$(curl -sS -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready")
  [ "$ready" = 200 ] || { echo "smoke: /health/ready answered $ready" >&2; ok=1; }
  local token; token=$(curl -fsS "http://localhost:${KEYCLOAK_PORT:-8080}/realms/staff/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=plein-tests -d username=staff.editor -d password=plein-demo | node -p 'JSON.parse(require("fs").readFileSync(0)).access_token')
  local me; me=$(curl -fsS -H "Authorization: Bearer $token" "http://localhost:$port/api/staff/v1/me")
  echo "smoke: GET /api/staff/v1/me → $me"
  echo "$me" | grep -q '"username":"staff.editor"' || { echo "smoke: /me did not answer staff.editor" >&2; ok=1; }
  # The smoelenboek: staff.moderator never logs in here, yet the Keycloak sync provisions them and the directory
  # gives them their seeded function (identity → plein.identity.user.provisioned → directory preset).
  local person=""
  for _ in $(seq 1 30); do
    person=$(curl -fsS -H "Authorization: Bearer $token" "http://localhost:$port/api/staff/v1/people?q=daan%20visser" || true)
    echo "$person" | grep -q '"name":"Maatschappelijk werker"' && break
    sleep 1
  done
  echo "smoke: GET /api/staff/v1/people?q=daan visser → ${person:0:200}…"
  echo "$person" | grep -q '"name":"Maatschappelijk werker"' || { echo "smoke: the seeded, synced colleague is not in the smoelenboek" >&2; ok=1; }
  PLEIN_RUN_DIR="$run" "$PLEIN_ROOT/plein" down --keep-keycloak
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists \"$db\" with (force)"
  return $ok
}

print_welcome() {
  local port="$1" kc="http://localhost:${KEYCLOAK_PORT:-8080}"
  cat <<TXT

Plein is running.
  Staff portal           http://localhost:$port/
  Client portal          http://localhost:$port/mijn/
  Staff intranet API     http://localhost:$port/api/staff/v1/me
  Client intranet API    http://localhost:$port/api/client/v1/me
  Administration API     http://localhost:$port/api/admin/v1/users
  API documentation      http://localhost:$port/api/docs   (OpenAPI: http://localhost:$port/api/docs.json)
  Health                 http://localhost:$port/health/ready
  Keycloak               $kc/admin/   (admin / admin)
  Staff realm account    $kc/realms/staff/account/
  Clients realm account  $kc/realms/clients/account/

Demo logins (local demo only; password for all: plein-demo)
  staff realm:   staff.employee  staff.mentor  staff.editor  staff.moderator  staff.admin
  clients realm: client.member   client.other  client.editor
A token for trying the API:
  curl -s $kc/realms/staff/protocol/openid-connect/token -d grant_type=password -d client_id=plein-tests \\
       -d username=staff.employee -d password=plein-demo
Logs: ${PLEIN_RUN_DIR:-$PLEIN_ROOT/.local/run}/*.log   Stop: ./plein down
TXT
}
