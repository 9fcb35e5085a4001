#!/usr/bin/env bash
# oauthspec replay of: Basic authentication together with client_secret in the body gets invalid_request
# 05_token_request.feature:59 (fail)
# requirements: CAUTH-005
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CLIENT_SECRET  (redacted client_secret)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CLIENT_SECRET:?set OAUTHSPEC_CLIENT_SECRET (redacted client_secret)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8dsC1naXkwBlAKbMmtE0hteF5LYwL7-I&code_challenge=FGuyCgWw78sGxl2alMmQA4_whbsG4QVo09qvpN2XSL8&code_challenge_method=S256 -> 302 (30 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8dsC1naXkwBlAKbMmtE0hteF5LYwL7-I&code_challenge=FGuyCgWw78sGxl2alMmQA4_whbsG4QVo09qvpN2XSL8&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (47 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_secret='"${OAUTHSPEC_CLIENT_SECRET}" \
  --url 'http://localhost:8080/token'
