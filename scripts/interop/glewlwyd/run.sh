#!/usr/bin/env bash
# Start / stop glewlwyd 2.7 (Debian package `glewlwyd`) on loopback for oauthspec.
#
#   run.sh [start] [PORT]   install the package if missing (apt-get), write a config and a fresh
#                           SQLite database under the state dir, start `glewlwyd` bound to
#                           127.0.0.1:PORT, then set it up through its admin REST API (docs/API.md):
#                           scopes files.read + files.write, an OpenID Connect plugin instance
#                           `oidc` (code flow, refresh tokens rotating on every use, PKCE S256,
#                           introspection + revocation, RFC 9207 iss, 60 s codes), user `alice`,
#                           and the clients of targets/glewlwyd.toml (basic, post, public, native).
#                           Prints GLEWLWYD_PID / GLEWLWYD_PORT / GLEWLWYD_ISSUER.
#                           PORT: argument, else $PORT, else 3107. Fails if the port is taken.
#   run.sh stop [PORT]      stop the instance started on PORT (all recorded ones if omitted);
#                           only PIDs recorded by `start` are signalled.
#   run.sh status           list recorded instances.
#
# State (config, database, RSA key, log, pid per port): ${GLEWLWYD_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-glewlwyd}/PORT/
# Env: GLEWLWYD_BASIC_SECRET, GLEWLWYD_POST_SECRET, GLEWLWYD_PASSWORD (defaults are development
# values, the same as in targets/glewlwyd.toml).
# Sources: /usr/share/doc/glewlwyd/{GETTING_STARTED,API,OIDC,CLIENT_DATABASE}.md(.gz),
# /etc/glewlwyd/glewlwyd.conf (the packaged config, copied and edited here) and
# /usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz (schema + user `admin`, password `password`).
set -euo pipefail

STATE="${GLEWLWYD_STATE_DIR:-${TMPDIR:-/tmp}/oauthspec-glewlwyd}"
WAIT_SECS=30
BASIC_SECRET="${GLEWLWYD_BASIC_SECRET:-oauthspec-basic-dev-secret}"
POST_SECRET="${GLEWLWYD_POST_SECRET:-oauthspec-post-dev-secret}"
PASSWORD="${GLEWLWYD_PASSWORD:-alice-dev-password}"
ADMIN_PASSWORD="password"   # init.sqlite3.sql / GETTING_STARTED.md: admin / password
CODE_SECS=60                # OIDC.md "Code duration (seconds)", default 600; shorter keeps the expiry scenario short

die() { echo "run.sh: $*" >&2; exit 1; }

is_ours() { # PID -> true if it is still a glewlwyd process
  local pid="$1"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q "glewlwyd"
}

stop_one() { # pidfile
  local pidfile="$1" pid port
  port="$(basename "$(dirname "$pidfile")")"
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  if is_ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "stopped glewlwyd pid $pid (port $port)"
  else
    echo "no running glewlwyd recorded for port $port"
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  local port="${1:-}"
  if [ -n "$port" ]; then
    [ -f "$STATE/$port/pid" ] || { echo "no glewlwyd recorded for port $port"; return 0; }
    stop_one "$STATE/$port/pid"
  else
    shopt -s nullglob
    local files=("$STATE"/*/pid)
    [ ${#files[@]} -gt 0 ] || { echo "no glewlwyd instances recorded in $STATE"; return 0; }
    for f in "${files[@]}"; do stop_one "$f"; done
  fi
}

cmd_status() {
  shopt -s nullglob
  for f in "$STATE"/*/pid; do
    local pid; pid="$(cat "$f")"
    local port; port="$(basename "$(dirname "$f")")"
    if is_ours "$pid"; then echo "port $port: pid $pid running"; else echo "port $port: stale"; fi
  done
}

ensure_package() {
  command -v glewlwyd >/dev/null && [ -f /usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz ] && return 0
  command -v apt-get >/dev/null || die "glewlwyd is not installed and apt-get is missing (Debian/Ubuntu: apt-get install glewlwyd)"
  echo "run.sh: installing glewlwyd (apt-get)" >&2
  local sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  # The package's own service must not start: policy-rc.d denies it in containers; elsewhere it
  # would listen on 4593 (all interfaces), so it is stopped right after the install.
  if ! DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q glewlwyd >&2; then
    "${sudo[@]}" apt-get update -q >&2 || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q glewlwyd >&2 || die "apt-get install glewlwyd failed"
  fi
  if command -v systemctl >/dev/null && systemctl is-active -q glewlwyd 2>/dev/null; then
    "${sudo[@]}" systemctl disable --now glewlwyd >&2 || true
  fi
}

# --- admin API helpers (docs/API.md) ---------------------------------------------------------
api() { # METHOD PATH [JSON] -> body on stdout; fails on a non-2xx answer
  local method="$1" path="$2" data="${3:-}" out code
  out="$(mktemp)"
  if [ -n "$data" ]; then
    code="$(curl -s -o "$out" -w '%{http_code}' -b "$JAR" -c "$JAR" -X "$method" \
      -H 'Content-Type: application/json' --data-binary "$data" "$API$path")"
  else
    code="$(curl -s -o "$out" -w '%{http_code}' -b "$JAR" -c "$JAR" -X "$method" "$API$path")"
  fi
  if [ "${code:0:1}" != 2 ]; then
    echo "run.sh: $method $path -> HTTP $code: $(head -c 400 "$out")" >&2; rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

json() { python3 -c 'import json,sys; print(json.dumps(eval(sys.argv[1])))' "$1"; }

setup() { # port
  local port="$1" issuer="http://127.0.0.1:$1/api/oidc"
  JAR="$DIR/admin.cookies"; : > "$JAR"; chmod 600 "$JAR"
  API="http://127.0.0.1:$port/api"
  # API.md "Authentication": POST /api/auth/ {username, password} opens an admin session (cookie).
  api POST /auth/ "$(json "{'username':'admin','password':'$ADMIN_PASSWORD'}")" >/dev/null

  # API.md "Scopes": a scope the user must authenticate for with the password, no extra factor.
  local s
  for s in files.read files.write; do
    api POST /scope/ "$(json "{'name':'$s','display_name':'$s','description':'oauthspec resource scope','password_required':True,'password_max_age':0,'scheme':{}}")" >/dev/null
  done

  # OIDC.md "Installation" + its parameter sections; the JSON names are those of the admin app.
  openssl genrsa -out "$DIR/oidc-key.pem" 2048 2>/dev/null
  openssl rsa -in "$DIR/oidc-key.pem" -pubout -out "$DIR/oidc-pub.pem" 2>/dev/null
  chmod 600 "$DIR/oidc-key.pem"
  python3 - "$issuer" "$DIR/oidc-key.pem" "$DIR/oidc-pub.pem" "$CODE_SECS" > "$DIR/plugin.json" <<'PY'
import json, sys
iss, key, pub, code = sys.argv[1], open(sys.argv[2]).read(), open(sys.argv[3]).read(), int(sys.argv[4])
p = {
    "iss": iss,                                    # "Issuer"
    "jwt-type": "rsa", "jwt-key-size": "256",      # "JWT Type", "Key size": RS256
    "key": key, "cert": pub,                       # "Secret key", "Public key"
    "access-token-duration": 3600,
    "refresh-token-duration": 1209600,
    "code-duration": code,                         # "Code duration (seconds)"
    "refresh-token-rolling": True,
    "refresh-token-one-use": "always",             # "One-time use refresh token": rotation for every client
    "allow-non-oidc": True,                        # plain OAuth 2.0 requests (no openid scope) allowed
    "auth-type-code-enabled": True,
    "auth-type-code-revoke-replayed": True,        # "Revoke all tokens if a client tries to replay a code"
    "auth-type-token-enabled": False, "auth-type-id-token-enabled": True,
    "auth-type-none-enabled": False, "auth-type-password-enabled": False,
    "auth-type-client-enabled": True,              # needed for introspection by the token's client (below)
    "auth-type-device-enabled": False, "auth-type-refresh-enabled": True,
    "scope": [], "additional-parameters": [], "claims": [],
    "jwks-show": True, "request-parameter-allow": False,
    "secret-type": "pairwise",
    "allowed-scope": ["openid", "files.read", "files.write"],   # "Supported scopes"
    "pkce-allowed": True, "pkce-method-plain-allowed": False,   # "PKCE allowed", S256 only
    "pkce-required": False, "pkce-scopes": [],
    "introspection-revocation-allowed": True,      # "Allow tokens introspection and invocation"
    "introspection-revocation-auth-scope": [],
    "introspection-revocation-allow-target-client": True,       # "Allow for the token client"
    "register-client-allowed": False, "session-management-allowed": False,
    "oauth-dpop-allowed": False, "resource-allowed": False, "oauth-par-allowed": False,
    "oauth-as-iss-id": True,                       # RFC 9207 iss in authorization responses
    "name-claim": "no", "email-claim": "no", "scope-claim": "no",
}
print(json.dumps({"module": "oidc", "name": "oidc", "display_name": "OpenID Connect",
                  "enabled": True, "parameters": p}))
PY
  api POST /mod/plugin/ "@$DIR/plugin.json" >/dev/null

  # CLIENT_DATABASE.md / API.md "Clients". `password` is stored hashed (OIDC.md "Client secret vs
  # password"). client_credentials: OIDC.md "Allow for the token client" lets a client introspect
  # and revoke its own tokens only when it has that authorization type.
  # basic: two URIs and one with a query (@second-redirect, @registered-query); post: exactly one
  # (@single-redirect); public: two.
  local web='["https://client.oauthspec.test/cb","https://client.oauthspec.test/cb2"]'
  local basic='["https://client.oauthspec.test/cb","https://client.oauthspec.test/cb2","https://client.oauthspec.test/cb?tenant=7"]'
  local single='["https://client.oauthspec.test/cb"]'
  local conf='["code","refresh_token","client_credentials"]' pub='["code","refresh_token"]'
  api POST /client/ "{\"client_id\":\"oauthspec-basic\",\"name\":\"oauthspec basic\",\"enabled\":true,\"confidential\":true,\"password\":$(json "'$BASIC_SECRET'"),\"redirect_uri\":$basic,\"authorization_type\":$conf,\"token_endpoint_auth_method\":[\"client_secret_basic\"]}" >/dev/null
  api POST /client/ "{\"client_id\":\"oauthspec-post\",\"name\":\"oauthspec post\",\"enabled\":true,\"confidential\":true,\"password\":$(json "'$POST_SECRET'"),\"redirect_uri\":$single,\"authorization_type\":$conf,\"token_endpoint_auth_method\":[\"client_secret_post\"]}" >/dev/null
  api POST /client/ "{\"client_id\":\"oauthspec-public\",\"name\":\"oauthspec public\",\"enabled\":true,\"confidential\":false,\"redirect_uri\":$web,\"authorization_type\":$pub,\"token_endpoint_auth_method\":[\"none\"]}" >/dev/null
  api POST /client/ "{\"client_id\":\"oauthspec-native\",\"name\":\"oauthspec native\",\"enabled\":true,\"confidential\":false,\"redirect_uri\":[\"http://127.0.0.1/cb\"],\"authorization_type\":$pub,\"token_endpoint_auth_method\":[\"none\"]}" >/dev/null

  # API.md "Users": the user's scopes bound what any client may get for her.
  api POST /user/ "{\"username\":\"alice\",\"name\":\"Alice\",\"enabled\":true,\"password\":$(json "'$PASSWORD'"),\"scope\":[\"openid\",\"files.read\",\"files.write\"]}" >/dev/null
  api DELETE /auth/ >/dev/null || true
  rm -f "$JAR"
}

cmd_start() {
  local port="${1:-${PORT:-3107}}"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || die "invalid port '$port' (glewlwyd needs a fixed port: external_url names it)"
  for c in curl python3 openssl sqlite3; do command -v "$c" >/dev/null || die "$c not found"; done
  ensure_package
  DIR="$STATE/$port"
  mkdir -p "$DIR"; chmod 700 "$DIR"
  if [ -f "$DIR/pid" ] && is_ours "$(cat "$DIR/pid")"; then
    die "a glewlwyd started by this script already runs on port $port (pid $(cat "$DIR/pid")); run.sh stop $port"
  fi
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
    die "port $port is already in use"
  fi

  # Fresh database per start: no tokens, grants or sessions left over from an earlier run.
  rm -f "$DIR/glewlwyd.sqlite3"
  zcat /usr/share/doc/glewlwyd/database/init.sqlite3.sql.gz | sqlite3 "$DIR/glewlwyd.sqlite3" \
    || die "cannot create the database"

  # The packaged config with: loopback only (bind_address), our port and URL, our database and
  # log, plain-HTTP cookies (cookie_secure=0, as the file's own comment says for http testing).
  sed -e "s|^port=.*|port=$port|" \
      -e "s|^external_url=.*|external_url=\"http://127.0.0.1:$port\"\nbind_address=\"127.0.0.1\"\nstatic_files_path=\"/usr/share/glewlwyd/webapp/\"|" \
      -e "s|^log_mode=.*|log_mode=\"file\"|" \
      -e "s|^log_file=.*|log_file=\"$DIR/glewlwyd.log\"|" \
      -e "s|^cookie_secure=.*|cookie_secure=0|" \
      -e "s|^@include.*|database = { type = \"sqlite3\"; path = \"$DIR/glewlwyd.sqlite3\"; };|" \
      /etc/glewlwyd/glewlwyd.conf > "$DIR/glewlwyd.conf"
  grep -q '^bind_address="127.0.0.1"' "$DIR/glewlwyd.conf" || die "config: bind_address not set"
  grep -q '^port=' "$DIR/glewlwyd.conf" || die "config: no port line in /etc/glewlwyd/glewlwyd.conf"

  : > "$DIR/glewlwyd.log"
  local setsid=(); command -v setsid >/dev/null && setsid=(setsid)
  (cd "$DIR" && exec "${setsid[@]}" glewlwyd -c "$DIR/glewlwyd.conf" >"$DIR/console.log" 2>&1 < /dev/null) &
  local pid=$! deadline=$((SECONDS + WAIT_SECS)) ok=""
  echo "$pid" > "$DIR/pid"
  while [ $SECONDS -lt $deadline ]; do
    if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/config/"; then ok=1; break; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$DIR/console.log" "$DIR/glewlwyd.log" >&2; rm -f "$DIR/pid"; die "glewlwyd exited during startup"
    fi
    sleep 0.2
  done
  [ -n "$ok" ] || { stop_one "$DIR/pid"; die "glewlwyd did not answer within ${WAIT_SECS}s (log: $DIR/glewlwyd.log)"; }
  # Loopback only: nothing of ours may listen elsewhere.
  if command -v ss >/dev/null && ss -ltnpH 2>/dev/null | grep "pid=$pid," | grep -qv '127.0.0.1:'; then
    stop_one "$DIR/pid"; die "glewlwyd listens on a non-loopback address"
  fi

  setup "$port" || { stop_one "$DIR/pid"; die "setup through the admin API failed (log: $DIR/glewlwyd.log)"; }
  local issuer="http://127.0.0.1:$port/api/oidc"
  curl -fs -o /dev/null --max-time 5 "$issuer/.well-known/openid-configuration" \
    || { stop_one "$DIR/pid"; die "no OpenID discovery document at $issuer"; }
  echo "GLEWLWYD_PID=$pid"
  echo "GLEWLWYD_PORT=$port"
  echo "GLEWLWYD_ISSUER=$issuer"
}

case "${1:-start}" in
  start) shift || true; cmd_start "${1:-}";;
  stop) shift; cmd_stop "${1:-}";;
  status) cmd_status;;
  [0-9]*) cmd_start "$1";;
  *) die "usage: run.sh [start|stop|status] [PORT]";;
esac
