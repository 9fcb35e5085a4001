#!/usr/bin/env bash
# oauthspec replay of: The password grant is not offered
# 05_token_request.feature:215 (fail)
# requirements: TOKEN-012
# rule: TOKEN-012, RFC 9700 §2.4: "The resource owner password credentials grant [RFC6749] MUST NOT be used."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/1: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=password&username=johndoe&password='"${OAUTHSPEC_PASSWORD}"'&code='"${OAUTHSPEC_CODE}" \
  --url 'http://localhost:8080/token'
