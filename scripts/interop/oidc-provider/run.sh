#!/usr/bin/env bash
# Start / stop node-oidc-provider (server.mjs) on loopback for oauthspec.
#
#   run.sh [start] [PORT]   install deps if needed (npm ci), start in the background, wait (<=30 s)
#                           until /.well-known/openid-configuration answers, then print
#                             OIDC_PROVIDER_PID=<pid>
#                             OIDC_PROVIDER_PORT=<port>
#                             OIDC_PROVIDER_ISSUER=http://127.0.0.1:<port>
#                           (so `eval "$(run.sh start 0)"` works). PORT: argument, else $PORT,
#                           else 3000; 0 = any free port. Fails if the port is taken.
#   run.sh stop [PORT]      stop the instance started on PORT (all instances started by this
#                           script if PORT is omitted); only PIDs recorded by `start` are signalled.
#   run.sh status           list recorded instances.
#
# State (pid file + log per port): ${OIDC_PROVIDER_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oidc-provider}
# Env passed to the server: OIDC_BASIC_SECRET, OIDC_POST_SECRET, OIDC_JWT_CLIENT_KEY, DEBUG.
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAME=oidc-provider
STATE="${OIDC_PROVIDER_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-oidc-provider}"
DEP=oidc-provider
READY_PATH=/.well-known/openid-configuration
VAR=OIDC_PROVIDER
DEFAULT_PORT=3000
# Start/stop/status and PID handling are shared with the other interop servers.
# shellcheck source=../lib.sh
. "$DIR/../lib.sh"
dispatch "$@"
