#!/usr/bin/env bash
# oauthspec replay of: A token request without grant_type gets invalid_request
# 05_token_request.feature:187 (fail)
# requirements: TOKEN-009
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"

# 1/1: POST http://localhost:8080/token -> 400 (1 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'code='"${OAUTHSPEC_CODE}" \
  --url 'http://localhost:8080/token'
