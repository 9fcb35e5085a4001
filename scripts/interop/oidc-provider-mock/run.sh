#!/usr/bin/env bash
# Start / stop oidc-provider-mock 0.3.4 (PyPI; Flask + Authlib) on loopback for oauthspec.
#
#   run.sh [start] [PORT]   create ./.venv and install requirements.txt if needed, start
#                           `python -m oidc_provider_mock --require-registration -H 127.0.0.1 -p PORT`
#                           in the background, wait (<=30 s) for /.well-known/openid-configuration,
#                           then print
#                             OIDC_MOCK_PID=<pid>  OIDC_MOCK_PORT=<port>  OIDC_MOCK_ISSUER=http://127.0.0.1:<port>
#                           PORT: argument, else $PORT, else 3210. Fails if the port is taken.
#                           OIDC_MOCK_OPEN=1 starts it without --require-registration (the mock's
#                           default: any client_id, secret and redirect URI is accepted).
#   run.sh stop [PORT]      stop the instance started on PORT (all recorded instances if omitted);
#                           only PIDs recorded by `start` are signalled.
#   run.sh status           list recorded instances.
#
# State (pid file, log per port): ${OIDC_MOCK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oidc-provider-mock}
# Everything lives in memory: every start is a fresh server (no clients, users or tokens).
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${OIDC_MOCK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oidc-provider-mock}"
VENV="$DIR/.venv"
WAIT_SECS=30

NAME=oidc-provider-mock
PROC_MARK="oidc_provider_mock"
# die, stop and status are shared with the other interop servers; start is this project's own.
# shellcheck source=../lib.sh
. "$DIR/../lib.sh"

cmd_start() {
  local port="${1:-${PORT:-3210}}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || die "invalid port '$port' (the issuer names the port; 0 is not supported)"
  command -v curl >/dev/null || die "curl not found"
  mkdir -p "$STATE"
  ensure_venv

  claim_port "$port"

  local args=(-H 127.0.0.1 -p "$port")
  [ "${OIDC_MOCK_OPEN:-}" = 1 ] || args+=(--require-registration)
  local log="$STATE/$port.log"
  : > "$log"
  local setsid=(); command -v setsid >/dev/null && setsid=(setsid)
  # exec all the way down: $! is the python process itself. NO_COLOR: plain log lines.
  (NO_COLOR=1 PYTHONWARNINGS=ignore exec "${setsid[@]}" "$VENV/bin/python" -m oidc_provider_mock "${args[@]}" \
      >"$log" 2>&1 < /dev/null) &
  local pid=$! issuer="http://127.0.0.1:$port" deadline=$((SECONDS + WAIT_SECS)) ok=""
  while [ $SECONDS -lt $deadline ]; do
    if curl -fs -o /dev/null --max-time 2 "$issuer/.well-known/openid-configuration"; then
      ok=1; break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2; die "$NAME exited during startup"
    fi
    sleep 0.2
  done
  if [ -z "$ok" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    cat "$log" >&2
    die "$NAME did not answer within ${WAIT_SECS}s"
  fi
  echo "$pid" > "$STATE/$port.pid"
  echo "OIDC_MOCK_PID=$pid"
  echo "OIDC_MOCK_PORT=$port"
  echo "OIDC_MOCK_ISSUER=$issuer"
}

case "${1:-start}" in
  start) shift || true; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  [0-9]*) cmd_start "$1" ;;
  -h|--help|help) sed -n '2,19p' "$0" ;;
  *) die "usage: run.sh [start] [PORT] | stop [PORT] | status" ;;
esac
