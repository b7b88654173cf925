#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft, broker+controller in one JVM) on 127.0.0.1, resolved from
# Maven Central: no Docker, no tarball. See tools/kafka/README.md.
#
#   kafka.sh fetch     resolve the broker jars into tools/kafka/lib/<version>/ (skipped when present)
#   kafka.sh start     fetch, format storage once, start, wait until ready; reuses a running broker
#   kafka.sh stop      SIGTERM, wait, then SIGKILL; the data stays
#   kafka.sh restart   stop + start on the same data
#   kafka.sh status    exit 0 when running (prints pid, port, version), 3 when not
#   kafka.sh logs      tail the broker log
#   kafka.sh reset     stop and delete the data dir
#
# Environment (all optional):
#   KAFKA_VERSION          broker version (default: <kafka.version> in tools/kafka/pom.xml)
#   KAFKA_PORT             client port (default 9092)
#   KAFKA_CONTROLLER_PORT  controller port (default KAFKA_PORT + 1)
#   KAFKA_DATA_DIR         data, pid, log and rendered config (default <repo>/.kafka/<KAFKA_PORT>)
#   KAFKA_HEAP_OPTS        JVM heap (default -Xms256m -Xmx512m)
#   KAFKA_START_TIMEOUT    seconds to wait for readiness (default 120)
#   KAFKA_STOP_TIMEOUT     seconds to wait after SIGTERM before SIGKILL (default 30)
#   KAFKA_REUSE_OTHER      false: fail instead of reusing a broker that another data dir started
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
HOST=127.0.0.1

PINNED_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$HERE/pom.xml" | head -n1)"
KAFKA_VERSION="${KAFKA_VERSION:-$PINNED_VERSION}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$REPO/.kafka/$KAFKA_PORT}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-120}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_REUSE_OTHER="${KAFKA_REUSE_OTHER:-true}"

LIB_DIR="$HERE/lib/$KAFKA_VERSION"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
LOG_FILE="$KAFKA_DATA_DIR/kafka.log"
CONFIG_FILE="$KAFKA_DATA_DIR/server.properties"
VERSION_FILE="$KAFKA_DATA_DIR/version"
LOG_DIRS="$KAFKA_DATA_DIR/data"

say() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

major_version() { printf '%s' "${KAFKA_VERSION%%.*}"; }

# Installs a Debian package when a tool is missing and we may (root with apt-get); otherwise explains.
need() {
  local cmd="$1" pkg="$2"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "$cmd not found; installing $pkg with apt-get"
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2
  fi
  command -v "$cmd" >/dev/null 2>&1 || die "$cmd is required (Debian package $pkg)"
}

fetch() {
  [ -f "$LIB_DIR/.complete" ] && return 0
  need java openjdk-17-jre-headless
  need mvn maven
  mkdir -p "$HERE/lib"
  # Two shells starting at once (npm test and a developer) must not download into the same folder.
  exec 9>"$HERE/lib/.fetch.lock"
  flock 9
  if [ ! -f "$LIB_DIR/.complete" ]; then
    local profile=log4j2
    [ "$(major_version)" -lt 4 ] && profile='reload4j,!log4j2'
    say "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION from Maven Central into ${LIB_DIR#"$REPO"/}"
    local tmp="$LIB_DIR.tmp.$$"
    rm -rf "$tmp"
    # Maven's output is only worth reading when it fails.
    if ! mvn -q -B -Dstyle.color=never -f "$HERE/pom.xml" -P "$profile" -Dkafka.version="$KAFKA_VERSION" \
      -DincludeScope=runtime -DoutputDirectory="$tmp" dependency:copy-dependencies >"$tmp.mvn.log" 2>&1; then
      cat "$tmp.mvn.log" >&2
      rm -rf "$tmp" "$tmp.mvn.log"
      die "maven could not resolve Kafka $KAFKA_VERSION"
    fi
    rm -f "$tmp.mvn.log"
    rm -rf "$LIB_DIR"
    mv "$tmp" "$LIB_DIR"
    touch "$LIB_DIR/.complete"
  fi
  flock -u 9
}

java_cmd() {
  local logging
  if [ "$(major_version)" -ge 4 ]; then
    logging="-Dlog4j2.configurationFile=$HERE/log4j2.properties"
  else
    logging="-Dlog4j.configuration=file:$HERE/log4j.properties"
  fi
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several flags on purpose
  printf '%s\n' java $KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -Djava.awt.headless=true "$logging" \
    -Dkafka.logs.dir="$KAFKA_DATA_DIR" -cp "$LIB_DIR/*"
}

render_config() {
  mkdir -p "$KAFKA_DATA_DIR"
  sed -e "s|@HOST@|$HOST|g" -e "s|@PORT@|$KAFKA_PORT|g" \
    -e "s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" -e "s|@LOG_DIRS@|$LOG_DIRS|g" \
    "$HERE/server.properties.template" >"$CONFIG_FILE"
}

# KRaft storage is formatted once per data dir; later starts reuse it (and its topics and offsets).
format_storage() {
  if [ -f "$VERSION_FILE" ] && [ "$(cat "$VERSION_FILE")" != "$KAFKA_VERSION" ]; then
    die "$KAFKA_DATA_DIR was formatted by Kafka $(cat "$VERSION_FILE"), not $KAFKA_VERSION: use another KAFKA_DATA_DIR or KAFKA_PORT, or 'kafka.sh reset' it"
  fi
  [ -f "$LOG_DIRS/meta.properties" ] && return 0
  local -a java
  mapfile -t java < <(java_cmd)
  local cluster_id
  cluster_id="$("${java[@]}" kafka.tools.StorageTool random-uuid 2>>"$LOG_FILE" | tail -n1)"
  [ -n "$cluster_id" ] || die "could not generate a cluster id (see $LOG_FILE)"
  "${java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG_FILE" --ignore-formatted >>"$LOG_FILE" 2>&1 \
    || { tail -n 20 "$LOG_FILE" >&2; die "formatting storage failed"; }
  printf '%s\n' "$KAFKA_VERSION" >"$VERSION_FILE"
  say "formatted KRaft storage in ${LOG_DIRS#"$REPO"/} (cluster $cluster_id)"
}

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belonging to something else is not our broker.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  printf '%s' "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

wait_ready() {
  local timeout="$1" pid="${2:-}"
  local deadline=$((SECONDS + timeout))
  while :; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$LOG_FILE" >&2 || true
      die "broker exited during start-up (log: $LOG_FILE)"
    fi
    local left=$((deadline - SECONDS))
    [ "$left" -gt 0 ] || { tail -n 30 "$LOG_FILE" >&2 || true; die "broker not ready after ${timeout}s (log: $LOG_FILE)"; }
    local rc=0
    node "$HERE/wait-ready.js" "$HOST:$KAFKA_PORT" "$((left < 10 ? left : 10))" 2>/dev/null || rc=$?
    [ "$rc" = 0 ] && return 0
    [ "$rc" = 2 ] && die "kafkajs is not installed: run 'npm ci' first"
  done
}

start() {
  fetch
  local pid
  if pid="$(running_pid)"; then
    wait_ready "$KAFKA_START_TIMEOUT" "$pid"
    say "already running (pid $pid) on $HOST:$KAFKA_PORT; reusing it"
    return 0
  fi
  if port_open "$KAFKA_PORT"; then
    [ "$KAFKA_REUSE_OTHER" = true ] || die "port $KAFKA_PORT is taken and KAFKA_REUSE_OTHER=false"
    # Someone else's broker (another clone, another data dir): reuse it if it speaks Kafka.
    if node "$HERE/wait-ready.js" "$HOST:$KAFKA_PORT" 15 2>/dev/null; then
      say "a Kafka broker not started from $KAFKA_DATA_DIR already answers on $HOST:$KAFKA_PORT; reusing it"
      return 0
    fi
    die "port $KAFKA_PORT is taken by something that is not a ready Kafka broker"
  fi
  port_open "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_CONTROLLER_PORT is taken (set KAFKA_CONTROLLER_PORT)"

  render_config
  [ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  format_storage

  local -a java
  mapfile -t java < <(java_cmd)
  # setsid: the broker outlives the shell that started it, and a Ctrl-C aimed at a test run or
  # `npm run up` in the same terminal does not reach it.
  setsid "${java[@]}" kafka.Kafka "$CONFIG_FILE" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "$pid" >"$PID_FILE"
  say "starting Kafka $KAFKA_VERSION (pid $pid) on $HOST:$KAFKA_PORT, data ${KAFKA_DATA_DIR#"$REPO"/}"
  local t0=$SECONDS
  wait_ready "$KAFKA_START_TIMEOUT" "$pid"
  say "ready in $((SECONDS - t0))s"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running (data dir ${KAFKA_DATA_DIR#"$REPO"/})"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "still running after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    printf 'running pid=%s brokers=%s:%s version=%s data=%s\n' "$pid" "$HOST" "$KAFKA_PORT" \
      "$(cat "$VERSION_FILE" 2>/dev/null || echo "$KAFKA_VERSION")" "$KAFKA_DATA_DIR"
    return 0
  fi
  printf 'not running (data=%s)\n' "$KAFKA_DATA_DIR"
  return 3
}

main() {
  case "${1:-}" in
    fetch) fetch ;;
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    logs) tail -n "${2:-100}" -F "$LOG_FILE" ;;
    reset) stop; rm -rf "$KAFKA_DATA_DIR"; say "deleted $KAFKA_DATA_DIR" ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; return 64 ;;
  esac
}

# One line, so bash has read the whole file before running anything: editing this script while a
# broker is starting cannot derail the running copy.
main "$@"; exit $?
