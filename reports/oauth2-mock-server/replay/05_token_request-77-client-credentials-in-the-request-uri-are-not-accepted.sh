#!/usr/bin/env bash
# oauthspec replay of: Client credentials in the request URI are not accepted
# 05_token_request.feature:77 (fail)
# requirements: CAUTH-004
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-post&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=O6bPQYctl1jRlcVPSZ5TGK7SnzXsPbjy&code_challenge=ccTYvq1fkVArjhgAUdAbTBDMDZRjwa6M4f-2C7ML5SE&code_challenge_method=S256 -> 302 (5 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-post&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=O6bPQYctl1jRlcVPSZ5TGK7SnzXsPbjy&code_challenge=ccTYvq1fkVArjhgAUdAbTBDMDZRjwa6M4f-2C7ML5SE&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token?client_id=oauthspec-post&client_secret=<redacted:client_secret> -> 200 (19 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token?client_id=oauthspec-post&client_secret='"${OAUTHSPEC_CLIENT_SECRET}"
