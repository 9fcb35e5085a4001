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
NAME=oauth2-mock-server
STATE="${MOCK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oauth2-mock-server}"
DEP=oauth2-mock-server
READY_PATH=/.well-known/openid-configuration
VAR=MOCK
DEFAULT_PORT=8080
# Start/stop/status and PID handling are shared with the other interop servers. The mock names
# its issuer localhost for any loopback address (buildIssuerUrl), which the shared wait accepts.
# shellcheck source=../lib.sh
. "$DIR/../lib.sh"
dispatch "$@"
