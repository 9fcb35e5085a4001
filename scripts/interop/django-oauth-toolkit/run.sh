#!/usr/bin/env bash
# Start / stop a minimal Django project with django-oauth-toolkit (PyPI) on loopback for oauthspec.
#
#   run.sh [start] [PORT]   create ./.venv and install requirements.txt if needed, migrate a fresh
#                           SQLite database, create user + clients (site/bootstrap.py), start
#                           `manage.py runserver 127.0.0.1:PORT --noreload` in the background,
#                           wait (<=60 s) for the RFC 8414 metadata, then print
#                             DOT_PID=<pid>  DOT_PORT=<port>  DOT_ISSUER=http://127.0.0.1:<port>/o
#                           PORT: argument, else $PORT, else 8000. Fails if the port is taken.
#   run.sh stop [PORT]      stop the instance started on PORT (all recorded instances if omitted);
#                           only PIDs recorded by `start` are signalled.
#   run.sh status           list recorded instances.
#
# State (pid file, log, database per port): ${DOT_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-dot}
# Env passed to the server: DOT_BASIC_SECRET, DOT_POST_SECRET, DOT_PASSWORD (defaults are
# development values, the same as in targets/django-oauth-toolkit.toml).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${DOT_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-dot}"
VENV="$DIR/.venv"
WAIT_SECS=60

NAME=django-oauth-toolkit
PROC_MARK="manage.py runserver"
# die, stop and status are shared with the other interop servers; start is this project's own.
# shellcheck source=../lib.sh
. "$DIR/../lib.sh"

cmd_start() {
  local port="${1:-${PORT:-8000}}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || die "invalid port '$port' (runserver needs a fixed port; 0 is not supported)"
  command -v curl >/dev/null || die "curl not found"
  mkdir -p "$STATE"
  ensure_venv

  claim_port "$port"

  # Fresh database per start: no tokens or sessions left over from an earlier run.
  export DOT_DB="$STATE/$port.sqlite3"
  rm -f "$DOT_DB" "$DOT_DB-journal" "$DOT_DB-wal" "$DOT_DB-shm"
  (cd "$DIR/site" && "$VENV/bin/python" manage.py migrate -v0 >&2 && "$VENV/bin/python" bootstrap.py >/dev/null) \
    || die "migrate/bootstrap failed"

  local log="$STATE/$port.log"
  : > "$log"
  local setsid=(); command -v setsid >/dev/null && setsid=(setsid)
  # exec all the way down: $! is the python process itself (setsid execs when the caller
  # is not a process-group leader, as a background job of a script is not).
  (cd "$DIR/site" && PYTHONWARNINGS=ignore exec "${setsid[@]}" "$VENV/bin/python" manage.py runserver "127.0.0.1:$port" --noreload \
      >"$log" 2>&1 < /dev/null) &
  local pid=$! issuer="http://127.0.0.1:$port/o" deadline=$((SECONDS + WAIT_SECS)) ok=""
  while [ $SECONDS -lt $deadline ]; do
    if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/.well-known/oauth-authorization-server/o"; then
      ok=1; break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2; die "django-oauth-toolkit exited during startup"
    fi
    sleep 0.3
  done
  if [ -z "$ok" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    cat "$log" >&2
    die "django-oauth-toolkit did not answer within ${WAIT_SECS}s"
  fi
  echo "$pid" > "$STATE/$port.pid"
  echo "DOT_PID=$pid"
  echo "DOT_PORT=$port"
  echo "DOT_ISSUER=$issuer"
}

case "${1:-start}" in
  start) shift || true; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  [0-9]*) cmd_start "$1" ;;
  -h|--help|help) sed -n '2,18p' "$0" ;;
  *) die "usage: run.sh [start] [PORT] | stop [PORT] | status" ;;
esac
