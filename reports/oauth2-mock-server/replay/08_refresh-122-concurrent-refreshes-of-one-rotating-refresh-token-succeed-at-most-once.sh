#!/usr/bin/env bash
# oauthspec replay of: Concurrent refreshes of one rotating refresh token succeed at most once
# 08_refresh.feature:122 (fail)
# requirements: RT-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"

# 1/3: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8N0FjWo1r62exHq8uQdpRCbvL-rp36qX&code_challenge=aOiR7jD8ao4vB1vfccS7BjhiOlkJhRQhtpnL4OJJ6Jk&code_challenge_method=S256 -> 302 (23 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8N0FjWo1r62exHq8uQdpRCbvL-rp36qX&code_challenge=aOiR7jD8ao4vB1vfccS7BjhiOlkJhRQhtpnL4OJJ6Jk&code_challenge_method=S256'

# 2/3: POST http://localhost:8080/token -> 200 (59 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 3/3: POST http://localhost:8080/token -> 200 (84 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
