#!/usr/bin/env bash
# oauthspec replay of: A different registered redirect_uri at the token endpoint is refused
# 05_token_request.feature:145 (fail)
# requirements: CODE-007
# rule: CODE-007, RFC 6749 §4.1.3: "redirect_uri REQUIRED, if the "redirect_uri" parameter was included in the authorization request as described in Section 4.1.1, and their values MUST be identical."
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=IL-Rc4UHt2c5FqzLT58dV2kyWAOYDgye&code_challenge=uml2yunExIbPERsMkAOR-SZnE2NnonJ1Hb1Qkq263UE&code_challenge_method=S256 -> 302 (12 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=IL-Rc4UHt2c5FqzLT58dV2kyWAOYDgye&code_challenge=uml2yunExIbPERsMkAOR-SZnE2NnonJ1Hb1Qkq263UE&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb2' \
  --url 'http://localhost:8080/token'
