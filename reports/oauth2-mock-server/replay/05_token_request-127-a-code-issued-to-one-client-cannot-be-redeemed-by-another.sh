#!/usr/bin/env bash
# oauthspec replay of: A code issued to one client cannot be redeemed by another
# 05_token_request.feature:127 (fail)
# requirements: CODE-006
# rule: CODE-006, RFC 6749 §4.1.3: "The authorization server MUST: [...] ensure that the authorization code was issued to the authenticated confidential client, or if the client is public, ensure that the code was issued to "client_id" in the request,"
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CLIENT_SECRET  (redacted client_secret)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_CLIENT_SECRET:?set OAUTHSPEC_CLIENT_SECRET (redacted client_secret)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=mWtaDjBQxSwVcP4_OyMYAy8HFHY7mBZ6&code_challenge=-Ni9TWk4PHkV_2aZPf6jUwfvEcS01K_62bp5l3KZ5s0&code_challenge_method=S256 -> 302 (2 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=mWtaDjBQxSwVcP4_OyMYAy8HFHY7mBZ6&code_challenge=-Ni9TWk4PHkV_2aZPf6jUwfvEcS01K_62bp5l3KZ5s0&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (67 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-post&client_secret='"${OAUTHSPEC_CLIENT_SECRET}" \
  --url 'http://localhost:8080/token'
