#!/usr/bin/env bash
# Local Keycloak for Plein (development, tests, CI) — no Docker needed.
#
#   deploy/local/keycloak.sh start    fetch/unpack Keycloak once, import fresh realms, start in the background
#   deploy/local/keycloak.sh wait     block until the health endpoint and every realm answer (or fail)
#   deploy/local/keycloak.sh stop     stop it and wait until the ports are free
#   deploy/local/keycloak.sh status   print running/stopped (exit 0 when running, 3 when stopped)
#
# `start` does not wait for readiness, so the caller can do other work (npm install) meanwhile and
# run `wait` afterwards. Every `start` wipes Keycloak's data dir and imports the realm files again:
# deploy/keycloak/<realm>-realm.json merged with the demo overlay deploy/seed/keycloak/<realm>-overlay.json
# (demo users, test clients, local secrets). Tests rely on that known state.
#
# Environment (all optional):
#   PLEIN_ROOT            repo root (default: derived from this script's location)
#   PLEIN_CACHE           download cache (default: ${XDG_CACHE_HOME:-$HOME/.cache}/plein)
#   KEYCLOAK_VERSION      default 26.5.6
#   KEYCLOAK_PORT         HTTP port, default 8080; the issuer is http://localhost:$KEYCLOAK_PORT/realms/<realm>
#   KEYCLOAK_MGMT_PORT    management port (health), default 9000
#   KEYCLOAK_HEAP         JVM heap options, default "-Xms128m -Xmx768m"
#   KEYCLOAK_SEED         1 (default) merges the demo overlays; 0 imports the bare realm files
#   KEYCLOAK_REALMS       realms `wait` checks, default "staff clients"
#   KEYCLOAK_WAIT_TIMEOUT seconds `wait` allows, default 180
#   KEYCLOAK_JAVA_OPTS_APPEND  extra JVM options;  KEYCLOAK_EXTRA_ARGS  extra kc.sh start-dev arguments
#   JAVA_HOME             used when it is Java 21 or newer; otherwise the newest JDK >= 21 under /usr/lib/jvm
#
# Fixed for local use: bootstrap admin admin/admin (master realm), hostname http://localhost:$KEYCLOAK_PORT
# (so tokens carry iss http://localhost:$KEYCLOAK_PORT/realms/<realm> whether fetched via localhost or
# 127.0.0.1), data in .local/keycloak/keycloak-<version>/data (wiped on start), log .local/logs/keycloak.log.
set -euo pipefail

PLEIN_ROOT="${PLEIN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
PLEIN_CACHE="${PLEIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plein}"
KEYCLOAK_VERSION="${KEYCLOAK_VERSION:-26.5.6}"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-8080}"
KEYCLOAK_MGMT_PORT="${KEYCLOAK_MGMT_PORT:-9000}"
KEYCLOAK_HEAP="${KEYCLOAK_HEAP:--Xms128m -Xmx768m}"
KEYCLOAK_SEED="${KEYCLOAK_SEED:-1}"
KEYCLOAK_REALMS="${KEYCLOAK_REALMS:-staff clients}"
KEYCLOAK_WAIT_TIMEOUT="${KEYCLOAK_WAIT_TIMEOUT:-180}"
KEYCLOAK_MIN_JAVA=21

KC_BASE="$PLEIN_ROOT/.local/keycloak"
KC_HOME="$KC_BASE/keycloak-$KEYCLOAK_VERSION"
KC_IMPORT="$KC_BASE/import"
KC_PIDFILE="$KC_BASE/keycloak.pid"
KC_LOGDIR="$PLEIN_ROOT/.local/logs"
KC_LOG="$KC_LOGDIR/keycloak.log"
KC_ZIP="keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
KC_CACHED_ZIP="$PLEIN_CACHE/keycloak-$KEYCLOAK_VERSION.zip"
KC_URL="https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/$KC_ZIP"

log() { echo "keycloak: $*" >&2; }
die() {
  echo "keycloak: ERROR: $*" >&2
  exit 1
}

# ---------------------------------------------------------------------------------------------
# Java
# ---------------------------------------------------------------------------------------------

# Major version of a java binary ("1.8.0_x" -> 8, "17.0.15" -> 17, "25" -> 25), 0 when unusable.
java_major() {
  local bin="$1" v
  [ -x "$bin" ] || {
    echo 0
    return
  }
  v="$("$bin" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)"
  case "$v" in
    1.*) v="${v#1.}" ;;
  esac
  v="${v%%[!0-9]*}"
  echo "${v:-0}"
}

# Prints a JAVA_HOME with Java >= 21, or nothing.
find_java_home() {
  local best="" best_major=0 dir major
  if [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge "$KEYCLOAK_MIN_JAVA" ]; then
    echo "$JAVA_HOME"
    return
  fi
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    [ -x "$dir/bin/java" ] || continue
    major="$(java_major "$dir/bin/java")"
    if [ "$major" -ge "$KEYCLOAK_MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
      best="$dir"
      best_major="$major"
    fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    dir="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    [ "$(java_major "$dir/bin/java")" -ge "$KEYCLOAK_MIN_JAVA" ] && best="$dir"
  fi
  echo "$best"
}

ensure_java() {
  local jh pkg
  jh="$(find_java_home)"
  if [ -z "$jh" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "no Java >= $KEYCLOAK_MIN_JAVA found; trying to install one with apt-get"
    apt-get update -qq >&2 || true
    for pkg in openjdk-25-jre-headless openjdk-21-jre-headless temurin-25-jdk temurin-21-jdk; do
      if apt-cache show "$pkg" >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2 && break
      fi
    done
    jh="$(find_java_home)"
  fi
  [ -n "$jh" ] || die "Keycloak $KEYCLOAK_VERSION needs Java >= $KEYCLOAK_MIN_JAVA, and none was found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm/*, PATH) nor could one be installed with apt-get. Install a JDK/JRE >= $KEYCLOAK_MIN_JAVA and set JAVA_HOME to it."
  JAVA_HOME="$jh"
  export JAVA_HOME
  log "using Java $(java_major "$JAVA_HOME/bin/java") at $JAVA_HOME"
}

# ---------------------------------------------------------------------------------------------
# Distribution
# ---------------------------------------------------------------------------------------------

fetch_zip() {
  [ -s "$KC_CACHED_ZIP" ] && return
  command -v curl >/dev/null 2>&1 || die "curl is needed to download $KC_URL"
  mkdir -p "$PLEIN_CACHE"
  local tmp="$KC_CACHED_ZIP.part.$$" want got
  log "downloading $KC_URL"
  if ! curl -fsSL --retry 3 --connect-timeout 20 -o "$tmp" "$KC_URL"; then
    rm -f "$tmp"
    die "download of $KC_URL failed"
  fi
  # Maven Central publishes a SHA-1 beside every file: refuse a corrupt download.
  if want="$(curl -fsSL --retry 3 "$KC_URL.sha1" 2>/dev/null | awk '{print $1}')" && [ -n "$want" ]; then
    got="$(sha1sum "$tmp" | awk '{print $1}')"
    if [ "$want" != "$got" ]; then
      rm -f "$tmp"
      die "checksum mismatch for $KC_ZIP (expected $want, got $got)"
    fi
  fi
  mv -f "$tmp" "$KC_CACHED_ZIP"
}

unpack() {
  [ -x "$KC_HOME/bin/kc.sh" ] && return
  fetch_zip
  local tmp="$KC_BASE/.unpack.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "unpacking $KC_CACHED_ZIP into $KC_HOME"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q "$KC_CACHED_ZIP" -d "$tmp" || {
      rm -rf "$tmp" "$KC_CACHED_ZIP"
      die "could not unpack $KC_CACHED_ZIP (removed it from the cache; run start again)"
    }
  elif command -v python3 >/dev/null 2>&1; then
    python3 -m zipfile -e "$KC_CACHED_ZIP" "$tmp" || {
      rm -rf "$tmp" "$KC_CACHED_ZIP"
      die "could not unpack $KC_CACHED_ZIP (removed it from the cache; run start again)"
    }
    chmod +x "$tmp"/keycloak-*/bin/*.sh
  else
    rm -rf "$tmp"
    die "need unzip (apt-get install unzip) or python3 to unpack $KC_CACHED_ZIP"
  fi
  [ -x "$tmp/keycloak-$KEYCLOAK_VERSION/bin/kc.sh" ] || {
    rm -rf "$tmp"
    die "unexpected layout in $KC_CACHED_ZIP (no keycloak-$KEYCLOAK_VERSION/bin/kc.sh)"
  }
  rm -rf "$KC_HOME"
  mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"
  rm -rf "$tmp"
}

# ---------------------------------------------------------------------------------------------
# Realm import files: deploy/keycloak/<realm>-realm.json + deploy/seed/keycloak/<realm>-overlay.json
# ---------------------------------------------------------------------------------------------

build_import() {
  command -v node >/dev/null 2>&1 || die "node is needed to merge the realm files"
  rm -rf "$KC_IMPORT"
  mkdir -p "$KC_IMPORT"
  local f name overlay
  shopt -s nullglob
  local realms=("$PLEIN_ROOT"/deploy/keycloak/*-realm.json)
  shopt -u nullglob
  [ "${#realms[@]}" -gt 0 ] || die "no realm files in $PLEIN_ROOT/deploy/keycloak/*-realm.json"
  for f in "${realms[@]}"; do
    name="$(basename "$f" -realm.json)"
    overlay="$PLEIN_ROOT/deploy/seed/keycloak/$name-overlay.json"
    if [ "$KEYCLOAK_SEED" != 1 ] || [ ! -f "$overlay" ]; then overlay=""; fi
    # Deep merge: objects merge key by key; arrays of objects that carry an identity field
    # (clientId, username, alias, name) merge item by item on it; any other value is replaced.
    # shellcheck disable=SC2016 # JavaScript, not shell
    node -e '
      const fs = require("fs");
      const [base, overlay, out] = process.argv.slice(1);
      const read = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
      const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
      const ids = ["clientId", "username", "alias", "name"];
      const idOf = (arr) => ids.find((k) => arr.length > 0 && arr.every((x) => isObj(x) && typeof x[k] === "string"));
      function merge(a, b) {
        if (isObj(a) && isObj(b)) {
          const o = { ...a };
          for (const k of Object.keys(b)) o[k] = k in a ? merge(a[k], b[k]) : b[k];
          return o;
        }
        if (Array.isArray(a) && Array.isArray(b)) {
          const id = idOf(a) && idOf(b) === idOf(a) ? idOf(a) : undefined;
          if (!id) return b;
          const o = [...a];
          for (const item of b) {
            const i = o.findIndex((x) => x[id] === item[id]);
            if (i >= 0) o[i] = merge(o[i], item);
            else o.push(item);
          }
          return o;
        }
        return b;
      }
      let realm = read(base);
      if (overlay) {
        const extra = read(overlay);
        if (extra.realm && extra.realm !== realm.realm) {
          console.error(`overlay ${overlay} is for realm ${extra.realm}, not ${realm.realm}`);
          process.exit(1);
        }
        realm = merge(realm, extra);
      }
      fs.writeFileSync(out, JSON.stringify(realm, null, 2) + "\n");
    ' "$f" "$overlay" "$KC_IMPORT/$name-realm.json" || die "could not merge $f with ${overlay:-nothing}"
    log "realm $name: $(basename "$f")${overlay:+ + $(basename "$overlay")}"
  done
}

# ---------------------------------------------------------------------------------------------
# Process handling
# ---------------------------------------------------------------------------------------------

port_open() { timeout 1 bash -c ": </dev/tcp/127.0.0.1/$1" >/dev/null 2>&1; }

port_owner() {
  command -v ss >/dev/null 2>&1 && ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n1
}

# The pid from the pid file when that process is alive and is our Keycloak; nothing otherwise.
our_pid() {
  local pid
  [ -f "$KC_PIDFILE" ] || return 0
  pid="$(cat "$KC_PIDFILE" 2>/dev/null || true)"
  case "$pid" in '' | *[!0-9]*) return 0 ;; esac
  kill -0 "$pid" 2>/dev/null || return 0
  # Guard against a recycled pid: the process must run from our Keycloak directory.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$KC_BASE/" || return 0
  echo "$pid"
}

cmd_stop() {
  local pid i
  pid="$(our_pid)"
  if [ -z "$pid" ]; then
    rm -f "$KC_PIDFILE"
    log "not running"
    return 0
  fi
  log "stopping (pid $pid)"
  # start puts kc.sh in its own session/process group (setsid): signal the whole group.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null && ! port_open "$KEYCLOAK_PORT" && ! port_open "$KEYCLOAK_MGMT_PORT"; then
      break
    fi
    if [ "$i" = 40 ]; then
      log "still running after 20 s, sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then die "pid $pid did not stop"; fi
  rm -f "$KC_PIDFILE"
  if port_open "$KEYCLOAK_PORT" || port_open "$KEYCLOAK_MGMT_PORT"; then
    die "Keycloak stopped, but port $KEYCLOAK_PORT or $KEYCLOAK_MGMT_PORT is still held"
  fi
  log "stopped"
}

cmd_start() {
  local pid p
  pid="$(our_pid)"
  if [ -n "$pid" ]; then
    log "already running (pid $pid); restarting for a fresh state"
    cmd_stop
  fi
  rm -f "$KC_PIDFILE"
  for p in "$KEYCLOAK_PORT" "$KEYCLOAK_MGMT_PORT"; do
    if port_open "$p"; then
      die "port $p is already in use by something that is not this Keycloak (${KC_PIDFILE} does not match; owner: $(port_owner "$p" || echo unknown)). Stop it, or set KEYCLOAK_PORT / KEYCLOAK_MGMT_PORT."
    fi
  done

  ensure_java
  mkdir -p "$KC_BASE" "$KC_LOGDIR"
  unpack
  build_import

  # Plein's login themes (deploy/keycloak/themes: plein for staff, plein-clients for clients), copied fresh.
  local theme
  for theme in "$PLEIN_ROOT"/deploy/keycloak/themes/*/; do
    theme="$(basename "$theme")"
    rm -rf "${KC_HOME:?}/themes/$theme"
    cp -r "$PLEIN_ROOT/deploy/keycloak/themes/$theme" "$KC_HOME/themes/$theme"
  done

  # Fresh state on every start: drop the dev database and import the realms again.
  rm -rf "$KC_HOME/data"
  mkdir -p "$KC_HOME/data/import"
  cp "$KC_IMPORT"/*.json "$KC_HOME/data/import/"

  [ -f "$KC_LOG" ] && mv -f "$KC_LOG" "$KC_LOG.1"
  {
    echo "# $(date -Is) keycloak.sh start: Keycloak $KEYCLOAK_VERSION, Java $JAVA_HOME, port $KEYCLOAK_PORT, management $KEYCLOAK_MGMT_PORT"
  } >"$KC_LOG"

  # kc.sh adds JAVA_OPTS_KC_HEAP to its default JAVA_OPTS only when JAVA_OPTS is unset, so a
  # JAVA_OPTS from the environment (meant for Maven, say) would silently drop the heap bound.
  (
    unset JAVA_OPTS JAVA
    export JAVA_HOME
    export JAVA_OPTS_KC_HEAP="$KEYCLOAK_HEAP"
    # Java 24+: jboss-threads resets thread locals reflectively when a pool thread ends and logs an
    # IllegalAccessError unless java.lang is opened to it (seen at shutdown on Temurin 25).
    export JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED ${KEYCLOAK_JAVA_OPTS_APPEND:-}"
    export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
    cd "$KC_HOME"
    # Brute-force protection stays on (10 failures lock an account for a while), but since Keycloak 26 it also
    # refuses a login that arrives while another for the same person is under way ("user_temporarily_disabled"
    # without a single wrong password): two tabs, or two test files signing in as staff.editor at once.
    # allow-concurrent-requests lets correct logins through side by side; wrong passwords still count.
    # shellcheck disable=SC2086 # KEYCLOAK_EXTRA_ARGS is a list of arguments
    exec setsid nohup "$KC_HOME/bin/kc.sh" start-dev \
      --import-realm \
      --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MGMT_PORT" \
      --health-enabled=true \
      --hostname="http://localhost:$KEYCLOAK_PORT" \
      --log-console-color=false \
      --spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true \
      ${KEYCLOAK_EXTRA_ARGS:-} \
      </dev/null >>"$KC_LOG" 2>&1
  ) &
  pid=$!
  echo "$pid" >"$KC_PIDFILE"
  log "started (pid $pid); log: $KC_LOG; run '$0 wait' for readiness"
}

realm_ready() { curl -fsS -o /dev/null --max-time 3 "http://localhost:$KEYCLOAK_PORT/realms/$1/.well-known/openid-configuration" 2>/dev/null; }

cmd_wait() {
  local start now realm ok had_pid
  start="$(date +%s)"
  had_pid=""
  if [ -f "$KC_PIDFILE" ]; then had_pid=1; fi
  printf 'keycloak: waiting for http://localhost:%s/health/ready and realms %s ' "$KEYCLOAK_MGMT_PORT" "$KEYCLOAK_REALMS" >&2
  while :; do
    ok=1
    if curl -fsS -o /dev/null --max-time 3 "http://localhost:$KEYCLOAK_MGMT_PORT/health/ready" 2>/dev/null; then
      for realm in $KEYCLOAK_REALMS; do
        realm_ready "$realm" || {
          ok=0
          break
        }
      done
    else
      ok=0
    fi
    now="$(date +%s)"
    if [ "$ok" = 1 ]; then
      echo " ready after $((now - start)) s" >&2
      return 0
    fi
    if [ -n "$had_pid" ] && [ -z "$(our_pid)" ]; then
      echo >&2
      log "Keycloak exited while starting; last lines of $KC_LOG:"
      tail -n 60 "$KC_LOG" >&2 || true
      exit 1
    fi
    if [ $((now - start)) -ge "$KEYCLOAK_WAIT_TIMEOUT" ]; then
      echo >&2
      log "not ready after $KEYCLOAK_WAIT_TIMEOUT s; last lines of $KC_LOG:"
      tail -n 60 "$KC_LOG" >&2 || true
      exit 1
    fi
    printf '.' >&2
    sleep 2
  done
}

cmd_status() {
  local pid
  pid="$(our_pid)"
  if [ -n "$pid" ]; then
    if curl -fsS -o /dev/null --max-time 3 "http://localhost:$KEYCLOAK_MGMT_PORT/health/ready" 2>/dev/null; then
      echo "running (pid $pid, http://localhost:$KEYCLOAK_PORT, ready)"
    else
      echo "running (pid $pid, http://localhost:$KEYCLOAK_PORT, not ready yet)"
    fi
    return 0
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  *)
    echo "usage: $0 {start|stop|status|wait}" >&2
    exit 2
    ;;
esac
