#!/usr/bin/env bash
# oauthspec replay of: Client credentials in the request URI are not accepted
# 05_token_request.feature:77 (fail)
# requirements: CAUTH-004
# rule: CAUTH-004, RFC 6749 §2.3.1: "The parameters can only be transmitted in the request-body and MUST NOT be included in the request URI."
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-post&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=j5Y5iOXNd8v2nCWjOa6HM7HnY_DcKQNJ&code_challenge=gUfzzC9c1IukathWPePRBciJO2mwlB8TLuri83nFP1E&code_challenge_method=S256 -> 302 (9 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-post&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=j5Y5iOXNd8v2nCWjOa6HM7HnY_DcKQNJ&code_challenge=gUfzzC9c1IukathWPePRBciJO2mwlB8TLuri83nFP1E&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token?client_id=oauthspec-post&client_secret=<redacted:client_secret> -> 200 (15 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token?client_id=oauthspec-post&client_secret='"${OAUTHSPEC_CLIENT_SECRET}"
