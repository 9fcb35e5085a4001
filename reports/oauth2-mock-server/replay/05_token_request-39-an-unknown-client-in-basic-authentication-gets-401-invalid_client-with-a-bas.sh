#!/usr/bin/env bash
# oauthspec replay of: An unknown client in Basic authentication gets 401 invalid_client with a Basic challenge
# 05_token_request.feature:39 (fail)
# requirements: CAUTH-006
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=5GnOgnczk5cQnzkJVHVZ8gLMUi9NhV73&code_challenge=ZuHG3QKTViAA-J1tCZ6op3qJNTxi-rYcg0Z1nnAQJno&code_challenge_method=S256 -> 302 (23 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=5GnOgnczk5cQnzkJVHVZ8gLMUi9NhV73&code_challenge=ZuHG3QKTViAA-J1tCZ6op3qJNTxi-rYcg0Z1nnAQJno&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (104 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'
