#!/usr/bin/env bash
# Start / stop the MCP TypeScript SDK auth server (server.mjs) on loopback for oauthspec.
#
#   run.sh [start] [PORT]   npm ci if needed, start in the background, wait (<=30 s) for the
#                           RFC 8414 metadata, then print MCP_SDK_PID=, MCP_SDK_PORT=,
#                           MCP_SDK_ISSUER= (so `eval "$(run.sh start 0)"` works).
#                           PORT: argument, else $PORT, else 3205; 0 = any free port.
#   run.sh stop [PORT]      stop the instance started on PORT (all recorded ones if omitted);
#                           only PIDs recorded by `start` are signalled.
#   run.sh status           list recorded instances.
#
# State (pid file + log per port): ${MCP_SDK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-mcp-sdk}
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAME=mcp-sdk
STATE="${MCP_SDK_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-mcp-sdk}"
DEP=@modelcontextprotocol/sdk/package.json
READY_PATH=/.well-known/oauth-authorization-server
VAR=MCP_SDK
DEFAULT_PORT=3205
# shellcheck source=../lib.sh
. "$DIR/../lib.sh"
dispatch "$@"
