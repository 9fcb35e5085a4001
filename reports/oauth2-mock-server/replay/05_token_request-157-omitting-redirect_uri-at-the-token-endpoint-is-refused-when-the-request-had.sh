#!/usr/bin/env bash
# oauthspec replay of: Omitting redirect_uri at the token endpoint is refused when the request had one
# 05_token_request.feature:157 (fail)
# requirements: CODE-008
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1SiO8x5cs6CK6meiQ3hdtdoGZyduweDo&code_challenge=kNrh9B8Y4HG4b-KxDxyQhSy0SSiCjlLY9dkEt4BpD0s&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=1SiO8x5cs6CK6meiQ3hdtdoGZyduweDo&code_challenge=kNrh9B8Y4HG4b-KxDxyQhSy0SSiCjlLY9dkEt4BpD0s&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (13 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'
