#!/usr/bin/env bash
# Manual end-to-end check of a running oidc-provider (see run.sh) with curl only:
#   authorize -> devInteractions login -> consent -> code (Location, not followed to the client)
#   -> token -> GET /api/pockets -> refresh -> revocation/introspection,
# for each of the configured clients. Exits non-zero on the first failure.
#
# Usage: verify.sh [ISSUER] [CLIENT...]      (default http://127.0.0.1:3000, all clients)
#        AUTHZ_METHOD=POST verify.sh ...     (send the authorization request as a form POST)
#        VERBOSE=1 verify.sh ...             (print every response status/Location)
set -euo pipefail

ISSUER="${1:-${OIDC_ISSUER:-http://127.0.0.1:3000}}"
shift || true
CLIENTS=("$@")
[ ${#CLIENTS[@]} -gt 0 ] || CLIENTS=(basic post public native)
BASIC_SECRET="${OIDC_BASIC_SECRET:-oauthspec-basic-dev-secret}"
POST_SECRET="${OIDC_POST_SECRET:-oauthspec-post-dev-secret}"
AUTHZ_METHOD="${AUTHZ_METHOD:-GET}"
SCOPE='openid offline_access pockets.read'

command -v curl >/dev/null || { echo "curl is required" >&2; exit 2; }
command -v node >/dev/null || { echo "node is required" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
vlog() { [ -z "${VERBOSE:-}" ] || printf '    %s\n' "$*"; }

# json FIELD < body
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s)[process.argv[1]];process.stdout.write(v===undefined?"":typeof v==="string"?v:JSON.stringify(v))})' -- "$1"; }
# query parameter of a URL
qparam() { node -e 'process.stdout.write(new URL(process.argv[1]).searchParams.get(process.argv[2]) ?? "")' -- "$1" "$2"; }
abs() { node -e 'process.stdout.write(new URL(process.argv[2], process.argv[1]).href)' -- "$1" "$2"; }

# req OUTPREFIX curl-args... ; sets STATUS and LOCATION
req() {
  local out="$1"; shift
  STATUS=$(curl -sS -o "$out.body" -D "$out.hdr" -w '%{http_code}' -c "$JAR" -b "$JAR" "$@")
  LOCATION=$(tr -d '\r' < "$out.hdr" | awk 'tolower($1)=="location:"{print $2}' | tail -1)
  vlog "$STATUS ${LOCATION:+-> $LOCATION}"
}

run_client() {
  local kind="$1" id secret="" redirect auth=()
  case "$kind" in
    basic)  id=oauthspec-basic;  secret="$BASIC_SECRET"; redirect=https://client.oauthspec.test/cb
            auth=(-u "$id:$secret") ;;
    post)   id=oauthspec-post;   secret="$POST_SECRET";  redirect=https://client.oauthspec.test/cb2
            auth=(--data-urlencode "client_id=$id" --data-urlencode "client_secret=$secret") ;;
    public) id=oauthspec-public; redirect=https://client.oauthspec.test/cb
            auth=(--data-urlencode "client_id=$id") ;;
    native) id=oauthspec-native; redirect=http://127.0.0.1:53123/cb   # any loopback port (RFC 8252 §7.3)
            auth=(--data-urlencode "client_id=$id") ;;
    *) fail "unknown client kind $kind" ;;
  esac
  log "== $kind ($id), redirect_uri=$redirect, authorization request via $AUTHZ_METHOD"
  JAR="$WORK/$kind.jar"; : > "$JAR"

  local verifier challenge state
  verifier=$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))')
  challenge=$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(process.argv[1]).digest("base64url"))' -- "$verifier")
  state="st-$RANDOM$RANDOM"

  local params=(--data-urlencode response_type=code --data-urlencode "client_id=$id"
    --data-urlencode "redirect_uri=$redirect" --data-urlencode "scope=$SCOPE"
    --data-urlencode "state=$state" --data-urlencode prompt=consent
    --data-urlencode "code_challenge=$challenge" --data-urlencode code_challenge_method=S256)

  if [ "$AUTHZ_METHOD" = POST ]; then
    req "$WORK/a" -X POST "${params[@]}" "$ISSUER/auth"
  else
    req "$WORK/a" -G "${params[@]}" "$ISSUER/auth"
  fi
  [ "$STATUS" = 303 ] || fail "authorize: expected 303, got $STATUS"
  local url; url=$(abs "$ISSUER/auth" "$LOCATION")

  local step=0 code="" submitted_login=0 submitted_consent=0
  while [[ "$url" == "$ISSUER/"* ]] && [ $step -lt 10 ]; do
    step=$((step+1))
    req "$WORK/s$step" "$url"
    if [ "$STATUS" = 200 ] && grep -q '<form' "$WORK/s$step.body"; then
      local action prompt
      action=$(grep -o '<form[^>]*action="[^"]*"' "$WORK/s$step.body" | head -1 | sed 's/.*action="//;s/"$//')
      prompt=$(grep -o 'name="prompt" value="[^"]*"' "$WORK/s$step.body" | sed 's/.*value="//;s/"$//')
      vlog "form prompt=$prompt action=$action"
      if [ "$prompt" = login ]; then
        submitted_login=1
        req "$WORK/p$step" -X POST --data-urlencode prompt=login --data-urlencode login=alice \
          --data-urlencode password=any "$action"
      elif [ "$prompt" = consent ]; then
        submitted_consent=1
        req "$WORK/p$step" -X POST --data-urlencode prompt=consent "$action"
      else
        fail "unexpected form (prompt=$prompt) at $url"
      fi
      [ "$STATUS" = 303 ] || fail "form submit: expected 303, got $STATUS"
      url=$(abs "$action" "$LOCATION")
    elif [ "$STATUS" = 303 ] || [ "$STATUS" = 302 ]; then
      url=$(abs "$url" "$LOCATION")
    else
      fail "unexpected $STATUS at $url: $(head -c 400 "$WORK/s$step.body")"
    fi
  done
  [ $submitted_login = 1 ] && [ $submitted_consent = 1 ] || fail "did not see both login and consent pages"
  [[ "$url" == "$redirect"* ]] || fail "final redirect $url does not go to $redirect"
  code=$(qparam "$url" code)
  [ -n "$code" ] || fail "no code in $url"
  [ "$(qparam "$url" state)" = "$state" ] || fail "state mismatch in $url"
  [ "$(qparam "$url" iss)" = "$ISSUER" ] || fail "iss missing/wrong in $url"
  log "  redirect: ${url%%\?*}?code=…&state=…&iss=$(qparam "$url" iss)"

  req "$WORK/t" -X POST "${auth[@]}" --data-urlencode grant_type=authorization_code \
    --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" \
    --data-urlencode "code_verifier=$verifier" "$ISSUER/token"
  [ "$STATUS" = 200 ] || fail "token: $STATUS $(cat "$WORK/t.body")"
  local at rt
  at=$(json access_token < "$WORK/t.body"); rt=$(json refresh_token < "$WORK/t.body")
  log "  token: 200 token_type=$(json token_type < "$WORK/t.body") scope='$(json scope < "$WORK/t.body")' expires_in=$(json expires_in < "$WORK/t.body") refresh_token=${rt:+yes} id_token=$( [ -n "$(json id_token < "$WORK/t.body")" ] && echo yes)"
  [ -n "$rt" ] || fail "no refresh token"

  req "$WORK/r1" -H "Authorization: Bearer $at" "$ISSUER/api/pockets"
  [ "$STATUS" = 200 ] || fail "resource: $STATUS $(cat "$WORK/r1.body")"
  log "  GET /api/pockets: 200 $(head -c 80 "$WORK/r1.body")…"

  req "$WORK/i1" -X POST "${auth[@]}" --data-urlencode "token=$at" "$ISSUER/token/introspection"
  log "  introspect AT: $STATUS active=$(json active < "$WORK/i1.body") scope='$(json scope < "$WORK/i1.body")' token_type=$(json token_type < "$WORK/i1.body")"
  [ "$(json active < "$WORK/i1.body")" = true ] || fail "introspection of a live AT not active"

  req "$WORK/f1" -X POST "${auth[@]}" --data-urlencode grant_type=refresh_token \
    --data-urlencode "refresh_token=$rt" "$ISSUER/token"
  [ "$STATUS" = 200 ] || fail "refresh: $STATUS $(cat "$WORK/f1.body")"
  local at2 rt2 rotated=no
  at2=$(json access_token < "$WORK/f1.body"); rt2=$(json refresh_token < "$WORK/f1.body")
  [ "$rt2" != "$rt" ] && rotated=yes
  log "  refresh: 200 new AT, refresh token rotated=$rotated scope='$(json scope < "$WORK/f1.body")'"
  req "$WORK/r2" -H "Authorization: Bearer $at2" "$ISSUER/api/pockets"
  [ "$STATUS" = 200 ] || fail "resource with refreshed AT: $STATUS"

  req "$WORK/v1" -X POST "${auth[@]}" --data-urlencode "token=$at2" \
    --data-urlencode token_type_hint=access_token "$ISSUER/token/revocation"
  [ "$STATUS" = 200 ] || fail "revocation: $STATUS $(cat "$WORK/v1.body")"
  req "$WORK/r3" -H "Authorization: Bearer $at2" "$ISSUER/api/pockets"
  log "  revoke refreshed AT: 200; resource with it: $STATUS $(tr -d '\r' < "$WORK/r3.hdr" | grep -i '^www-authenticate' || true)"
  [ "$STATUS" = 401 ] || fail "revoked AT still accepted"

  if [ "$rotated" = yes ]; then
    req "$WORK/f2" -X POST "${auth[@]}" --data-urlencode grant_type=refresh_token \
      --data-urlencode "refresh_token=$rt" "$ISSUER/token"
    log "  reuse of rotated RT: $STATUS $(cat "$WORK/f2.body")"
    [ "$STATUS" = 400 ] || fail "reuse of rotated refresh token accepted"
    req "$WORK/f3" -X POST "${auth[@]}" --data-urlencode grant_type=refresh_token \
      --data-urlencode "refresh_token=$rt2" "$ISSUER/token"
    log "  successor RT after reuse detection: $STATUS $(cat "$WORK/f3.body")"
  fi

  req "$WORK/t2" -X POST "${auth[@]}" --data-urlencode grant_type=authorization_code \
    --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" \
    --data-urlencode "code_verifier=$verifier" "$ISSUER/token"
  log "  code replay: $STATUS $(cat "$WORK/t2.body")"
  [ "$STATUS" = 400 ] || fail "code replay accepted"
  req "$WORK/r4" -H "Authorization: Bearer $at" "$ISSUER/api/pockets"
  log "  first AT after code replay: $STATUS (grant revoked on replay)"
}

for c in "${CLIENTS[@]}"; do run_client "$c"; done
log "OK"
