#!/usr/bin/env bash
# oauthspec replay of: A token request repeating redirect_uri gets invalid_request
# 05_token_request.feature:201 (fail)
# requirements: GEN-004
# rule: GEN-004, RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=X6-wOi7iCsQqPEqxlI1dGoUtxZc2GumR&code_challenge=aZlaGC-PNjg9LeRM70IZ_bDWsd1_N35A5Hr5V_fyBHs&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=X6-wOi7iCsQqPEqxlI1dGoUtxZc2GumR&code_challenge=aZlaGC-PNjg9LeRM70IZ_bDWsd1_N35A5Hr5V_fyBHs&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb' \
  --url 'http://localhost:8080/token'
