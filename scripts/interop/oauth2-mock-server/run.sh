#!/usr/bin/env bash
# Start / stop oauth2-mock-server (npm, server.mjs) on loopback for oauthspec.
#
#   run.sh [start] [PORT]   install deps if needed (npm ci), start in the background, wait (<=30 s)
#                           until /.well-known/openid-configuration answers, then print
#                             MOCK_PID=<pid>
#                             MOCK_PORT=<port>
#                             MOCK_ISSUER=http://127.0.0.1:<port>
#                           (so `eval "$(run.sh start 0)"` works). PORT: argument, else $PORT,
#                           else 8080; 0 = any free port. Fails if the port is taken.
#   run.sh stop [PORT]      stop the instance started on PORT (all instances started by this
#                           script if PORT is omitted); only PIDs recorded by `start` are signalled.
#   run.sh status           list recorded instances.
#
# State (pid file + log per port): ${MOCK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oauth2-mock-server}
# The mock reads no secrets: it accepts any client and credentials (its README, "Security").
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${MOCK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oauth2-mock-server}"
WAIT_SECS=30

die() { echo "run.sh: $*" >&2; exit 1; }

is_ours() { # PID -> true if it is still our server.mjs process
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "server.mjs"
}

stop_one() { # pidfile
  local pidfile="$1" pid port
  port="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if is_ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "stopped oauth2-mock-server pid $pid (port $port)"
  else
    echo "no running oauth2-mock-server recorded for port $port"
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  local port="${1:-}"
  if [ -n "$port" ]; then
    [ -f "$STATE/$port.pid" ] || { echo "no oauth2-mock-server recorded for port $port"; return 0; }
    stop_one "$STATE/$port.pid"
  else
    shopt -s nullglob
    local files=("$STATE"/*.pid)
    [ ${#files[@]} -gt 0 ] || { echo "no oauth2-mock-server instances recorded in $STATE"; return 0; }
    for f in "${files[@]}"; do stop_one "$f"; done
  fi
}

cmd_status() {
  shopt -s nullglob
  for f in "$STATE"/*.pid; do
    local pid; pid="$(cat "$f")"
    if is_ours "$pid"; then echo "port $(basename "$f" .pid): pid $pid running"; else echo "port $(basename "$f" .pid): stale"; fi
  done
}

cmd_start() {
  local port="${1:-${PORT:-8080}}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -le 65535 ] || die "invalid port '$port'"
  command -v node >/dev/null || die "node not found (Node >= 20; the package asks for 22.12 but runs on 20)"
  command -v npm >/dev/null || die "npm not found"
  command -v curl >/dev/null || die "curl not found"
  mkdir -p "$STATE"

  if [ ! -d "$DIR/node_modules/oauth2-mock-server" ]; then
    echo "run.sh: installing dependencies (npm ci)" >&2
    # --unsafe-perm is implied for root on npm >= 7; nothing here runs install scripts anyway.
    (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error --silent >&2) || die "npm ci failed"
  fi

  if [ "$port" != 0 ] && [ -f "$STATE/$port.pid" ] && is_ours "$(cat "$STATE/$port.pid")"; then
    die "an oauth2-mock-server started by this script already runs on port $port (pid $(cat "$STATE/$port.pid")); run.sh stop $port"
  fi

  local log="$STATE/start-$$.log"
  # Created here, not by the background job's redirect: the wait loop reads it at once.
  : > "$log"
  # setsid: own session, so the server survives the caller's shell/job control and
  # `run.sh stop` can signal exactly this PID.
  local setsid=(); command -v setsid >/dev/null && setsid=(setsid)
  PORT="$port" "${setsid[@]}" node "$DIR/server.mjs" >"$log" 2>&1 < /dev/null &
  local pid=$!

  # The server prints "oauth2-mock-server listening on http://localhost:PORT" once bound (the mock
  # names its issuer localhost for any loopback address: buildIssuerUrl/coversLocalhost)
  # (with PORT=0 that is how we learn the port).
  local issuer="" deadline=$((SECONDS + WAIT_SECS))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2; rm -f "$log"; die "oauth2-mock-server exited during startup"
    fi
    issuer="$(sed -n 's/^oauth2-mock-server listening on \(http:[^ ]*\)$/\1/p' "$log" | head -1)"
    if [ -n "$issuer" ] && curl -fsS -o /dev/null --max-time 2 "$issuer/.well-known/openid-configuration"; then
      break
    fi
    issuer=""
    sleep 0.2
  done
  if [ -z "$issuer" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    cat "$log" >&2
    die "oauth2-mock-server did not answer within ${WAIT_SECS}s"
  fi

  local actual="${issuer##*:}"
  mv "$log" "$STATE/$actual.log"
  echo "$pid" > "$STATE/$actual.pid"
  echo "MOCK_PID=$pid"
  echo "MOCK_PORT=$actual"
  echo "MOCK_ISSUER=$issuer"
}

case "${1:-start}" in
  start) shift || true; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  [0-9]*) cmd_start "$1" ;;
  -h|--help|help) sed -n '2,17p' "$0" ;;
  *) die "usage: run.sh [start] [PORT] | stop [PORT] | status" ;;
esac
