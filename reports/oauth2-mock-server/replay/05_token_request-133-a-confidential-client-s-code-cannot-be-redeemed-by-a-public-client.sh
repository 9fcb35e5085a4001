#!/usr/bin/env bash
# oauthspec replay of: A confidential client's code cannot be redeemed by a public client
# 05_token_request.feature:133 (fail)
# requirements: CAUTH-009, CODE-006
# rule: CAUTH-009, RFC 6749 §4.1.3: "client_id REQUIRED, if the client is not authenticating with the authorization server as described in Section 3.2.1."
# rule: CODE-006, RFC 6749 §4.1.3: "The authorization server MUST: [...] ensure that the authorization code was issued to the authenticated confidential client, or if the client is public, ensure that the code was issued to "client_id" in the request,"
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3COeVM6849nxBD7w4e8VTq3nOdM5kTSn&code_challenge=zEgs6kaMr-zI9XwqPZJ2dawRSnpNIrW6pduyv5eWJZA&code_challenge_method=S256 -> 302 (23 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3COeVM6849nxBD7w4e8VTq3nOdM5kTSn&code_challenge=zEgs6kaMr-zI9XwqPZJ2dawRSnpNIrW6pduyv5eWJZA&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (55 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
