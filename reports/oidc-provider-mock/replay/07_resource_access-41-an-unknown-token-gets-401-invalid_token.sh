#!/usr/bin/env bash
# oauthspec replay of: An unknown token gets 401 invalid_token
# 07_resource_access.feature:41 (warn)
# requirements: BEARER-005
# rule: BEARER-005, RFC 6750 §3.1: "invalid_token The access token provided is expired, revoked, malformed, or invalid for other reasons. The resource SHOULD respond with the HTTP 401 (Unauthorized) status code."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"

# 1/1: GET http://127.0.0.1:3210/userinfo -> 400 (44 ms)
curl -i --globoff -X 'GET' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  --url 'http://127.0.0.1:3210/userinfo'
