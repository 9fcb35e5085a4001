#!/usr/bin/env bash
# oauthspec replay of: Invalid request accepted: introspection endpoint, credential-swap
# live_fuzzing:5 (fail)
# requirements: FUZZ-004
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_ACCESS_TOKEN  (redacted access_token)
set -euo pipefail

: "${OAUTHSPEC_ACCESS_TOKEN:?set OAUTHSPEC_ACCESS_TOKEN (redacted access_token)}"

# 1/1: POST http://127.0.0.1:3000/token/introspection -> 200 (9 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'token='"${OAUTHSPEC_ACCESS_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://127.0.0.1:3000/token/introspection'
