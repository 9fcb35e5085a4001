#!/usr/bin/env bash
# oauthspec replay of: A token error is a JSON object with status 400
# 06_token_response.feature:52 (fail)
# requirements: TOKEN-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3Pn0THTJJ_cmST4d-qvOUyH09QLwQ2GB&code_challenge=p7TJHytw6RdPfz4ydiueIf0d0_xgYk9sYWG0bWVHiMo&code_challenge_method=S256 -> 302 (5 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3Pn0THTJJ_cmST4d-qvOUyH09QLwQ2GB&code_challenge=p7TJHytw6RdPfz4ydiueIf0d0_xgYk9sYWG0bWVHiMo&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 400 (7 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&code='"${OAUTHSPEC_CODE}" \
  --url 'http://localhost:8080/token'
