# Shared start/stop/status for the loopback interop servers (sourced by */run.sh).
# The caller sets, before sourcing:
#   DIR        its directory (server.mjs, package.json, package-lock.json)
#   NAME       label in messages, e.g. "mcp-sdk"
#   STATE      state dir (pid file + log per port)
#   DEP        a path under node_modules that proves `npm ci` ran
#   READY_PATH path that must answer 2xx once the server is up
#   VAR        prefix of the printed variables (VAR_PID, VAR_PORT, VAR_ISSUER)
#   DEFAULT_PORT
#   PROC_MARK  optional: what the server's command line contains (default server.mjs)
# server.mjs must print "<NAME> listening on http://127.0.0.1:PORT" once bound.
WAIT_SECS=${WAIT_SECS:-30}

die() { echo "run.sh: $*" >&2; exit 1; }

is_ours() { # PID -> true if it is still our server process (its command line has PROC_MARK)
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "${PROC_MARK:-server.mjs}"
}

ensure_venv() { # the Python servers: a venv in $VENV from $DIR/requirements.txt, rebuilt when it changes
  local stamp="$VENV/.requirements.sha"
  local want; want="$(sha256sum "$DIR/requirements.txt" | cut -d' ' -f1)"
  if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    command -v python3 >/dev/null || die "python3 not found (>= 3.10 required)"
    echo "run.sh: installing $NAME into $VENV" >&2
    python3 -m venv "$VENV" >&2 || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$DIR/requirements.txt" >&2 \
      || die "pip install failed"
    echo "$want" > "$stamp"
  fi
}

claim_port() { # PORT: refuse to start twice, or on a port something else answers on
  local port="$1"
  if [ -f "$STATE/$port.pid" ] && is_ours "$(cat "$STATE/$port.pid")"; then
    die "a $NAME started by this script already runs on port $port (pid $(cat "$STATE/$port.pid")); run.sh stop $port"
  fi
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    die "port $port is already in use"
  fi
}

stop_one() { # pidfile
  local pidfile="$1" pid port
  port="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if is_ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "stopped $NAME pid $pid (port $port)"
  else
    echo "no running $NAME recorded for port $port"
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  local port="${1:-}"
  if [ -n "$port" ]; then
    [ -f "$STATE/$port.pid" ] || { echo "no $NAME recorded for port $port"; return 0; }
    stop_one "$STATE/$port.pid"
  else
    shopt -s nullglob
    local files=("$STATE"/*.pid)
    [ ${#files[@]} -gt 0 ] || { echo "no $NAME instances recorded in $STATE"; return 0; }
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
  local port="${1:-${PORT:-$DEFAULT_PORT}}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -le 65535 ] || die "invalid port '$port'"
  command -v node >/dev/null || die "node not found (Node >= 20 required)"
  command -v npm >/dev/null || die "npm not found"
  command -v curl >/dev/null || die "curl not found"
  mkdir -p "$STATE"

  if [ ! -e "$DIR/node_modules/$DEP" ]; then
    echo "run.sh: installing dependencies (npm ci)" >&2
    (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
  fi

  if [ "$port" != 0 ] && [ -f "$STATE/$port.pid" ] && is_ours "$(cat "$STATE/$port.pid")"; then
    die "a $NAME started by this script already runs on port $port (pid $(cat "$STATE/$port.pid")); run.sh stop $port"
  fi

  local log="$STATE/start-$$.log"
  : > "$log"   # created here: the wait loop reads it at once
  # setsid: own session, so the server survives the caller's shell and `stop` signals exactly it.
  local setsid=(); command -v setsid >/dev/null && setsid=(setsid)
  PORT="$port" "${setsid[@]}" node "$DIR/server.mjs" >"$log" 2>&1 < /dev/null &
  local pid=$!

  local issuer="" deadline=$((SECONDS + WAIT_SECS))
  while [ $SECONDS -lt $deadline ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2; rm -f "$log"; die "$NAME exited during startup"
    fi
    issuer="$(sed -n "s/^$NAME listening on \(http:[^ ]*\)\$/\1/p" "$log" | head -1)"
    if [ -n "$issuer" ] && curl -fsS -o /dev/null --max-time 2 "$issuer$READY_PATH"; then
      break
    fi
    issuer=""
    sleep 0.2
  done
  if [ -z "$issuer" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    cat "$log" >&2
    die "$NAME did not answer within ${WAIT_SECS}s"
  fi

  local actual="${issuer##*:}"
  mv "$log" "$STATE/$actual.log"
  echo "$pid" > "$STATE/$actual.pid"
  echo "${VAR}_PID=$pid"
  echo "${VAR}_PORT=$actual"
  echo "${VAR}_ISSUER=$issuer"
}

dispatch() { # "$@" of run.sh
  case "${1:-start}" in
    start) shift || true; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    status) cmd_status ;;
    [0-9]*) cmd_start "$1" ;;
    -h|--help|help) sed -n '2,/^[^#]/p' "$0" | grep '^#' ;;
    *) die "usage: run.sh [start] [PORT] | stop [PORT] | status" ;;
  esac
}
