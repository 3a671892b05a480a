#!/usr/bin/env bash
# A local S3-compatible server for Plein's documents (tests, benchmarks, a demo with STORAGE_DRIVER=s3) — no Docker.
#
#   deploy/local/s3proxy.sh start    fetch s3proxy once (Maven Central, org.gaul:s3proxy jar-with-dependencies) into
#                                    the cache, start it in the background on a filesystem backend, make the bucket
#   deploy/local/s3proxy.sh wait     block until it answers (or fail)
#   deploy/local/s3proxy.sh stop     stop it (only the one this script started: its pid file)
#   deploy/local/s3proxy.sh status   print running/stopped (exit 0 when running, 3 when stopped)
#
# Environment (all optional):
#   PLEIN_ROOT          repo root (default: derived from this script's location)
#   PLEIN_CACHE         download cache (default: ${XDG_CACHE_HOME:-$HOME/.cache}/plein)
#   S3PROXY_VERSION     default 2.6.0 (runs on Java 11+)
#   S3PROXY_PORT        default 9200; the endpoint is http://127.0.0.1:$S3PROXY_PORT
#   S3PROXY_DIR         state folder (pid, log, data), default .local/s3proxy-$S3PROXY_PORT
#   S3PROXY_BUCKET      bucket made at start, default plein-documents
#   S3PROXY_IDENTITY / S3PROXY_CREDENTIAL   the access key and secret, default plein-local / plein-local-secret
set -euo pipefail

PLEIN_ROOT="${PLEIN_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
PLEIN_CACHE="${PLEIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plein}"
S3PROXY_VERSION="${S3PROXY_VERSION:-2.6.0}"
S3PROXY_PORT="${S3PROXY_PORT:-9200}"
S3PROXY_DIR="${S3PROXY_DIR:-$PLEIN_ROOT/.local/s3proxy-$S3PROXY_PORT}"
S3PROXY_BUCKET="${S3PROXY_BUCKET:-plein-documents}"
S3PROXY_IDENTITY="${S3PROXY_IDENTITY:-plein-local}"
S3PROXY_CREDENTIAL="${S3PROXY_CREDENTIAL:-plein-local-secret}"
JAR="$PLEIN_CACHE/s3proxy-$S3PROXY_VERSION.jar"
URL="https://repo1.maven.org/maven2/org/gaul/s3proxy/$S3PROXY_VERSION/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
PIDFILE="$S3PROXY_DIR/s3proxy.pid"

log() { echo "s3proxy: $*" >&2; }
die() { echo "s3proxy: ERROR: $*" >&2; exit 1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

java_bin() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  if command -v java >/dev/null 2>&1; then command -v java; return; fi
  log "no Java; installing Debian's default-jre-headless"
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >&2
  command -v java
}

fetch() {
  [ -s "$JAR" ] && return 0
  mkdir -p "$PLEIN_CACHE"
  log "downloading s3proxy $S3PROXY_VERSION (once) into $PLEIN_CACHE"
  curl -fsSL --retry 3 -o "$JAR.part" "$URL" || die "could not download $URL"
  mv "$JAR.part" "$JAR"
}

start() {
  if running; then log "already running on $S3PROXY_PORT"; return 0; fi
  port_open "$S3PROXY_PORT" && die "port $S3PROXY_PORT is taken by a process this script did not start"
  fetch
  mkdir -p "$S3PROXY_DIR/data/$S3PROXY_BUCKET"
  cat >"$S3PROXY_DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3PROXY_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3PROXY_IDENTITY
s3proxy.credential=$S3PROXY_CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$S3PROXY_DIR/data
CONF
  local java; java=$(java_bin)
  nohup "$java" -Xmx256m -jar "$JAR" --properties "$S3PROXY_DIR/s3proxy.conf" >"$S3PROXY_DIR/s3proxy.log" 2>&1 &
  echo $! >"$PIDFILE"
  log "started (pid $(cat "$PIDFILE")) on http://127.0.0.1:$S3PROXY_PORT, bucket $S3PROXY_BUCKET, log $S3PROXY_DIR/s3proxy.log"
}

wait_ready() {
  for _ in $(seq 1 120); do
    if port_open "$S3PROXY_PORT"; then return 0; fi
    running || { tail -20 "$S3PROXY_DIR/s3proxy.log" >&2 || true; die "it stopped while starting"; }
    sleep 0.5
  done
  die "did not answer on $S3PROXY_PORT within 60 s"
}

stop() {
  if ! running; then rm -f "$PIDFILE"; return 0; fi
  local pid; pid=$(cat "$PIDFILE")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  rm -f "$PIDFILE"
}

case "${1:-}" in
  start) start ;;
  wait) wait_ready ;;
  stop) stop ;;
  status) if running; then echo running; else echo stopped; exit 3; fi ;;
  *) echo "usage: $0 start|wait|stop|status" >&2; exit 2 ;;
esac
