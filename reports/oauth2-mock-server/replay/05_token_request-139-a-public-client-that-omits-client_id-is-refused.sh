#!/usr/bin/env bash
# oauthspec replay of: A public client that omits client_id is refused
# 05_token_request.feature:139 (fail)
# requirements: CAUTH-009
# rule: CAUTH-009, RFC 6749 §4.1.3: "client_id REQUIRED, if the client is not authenticating with the authorization server as described in Section 3.2.1."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=K_aSCq7zJu2c48yNLOgTumq_sbOP5N12&code_challenge=30f3xnGWyoaqlLJItzhkz-_Lr78nlijvT22hlnueTQE&code_challenge_method=S256 -> 302 (9 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=K_aSCq7zJu2c48yNLOgTumq_sbOP5N12&code_challenge=30f3xnGWyoaqlLJItzhkz-_Lr78nlijvT22hlnueTQE&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (33 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'
