#!/usr/bin/env bash
# oauthspec replay of: A wrong client_secret in the body gets invalid_client
# 05_token_request.feature:33 (fail)
# requirements: CAUTH-008, CAUTH-007
# rule: CAUTH-008, RFC 6749 §3.2.1: "Confidential clients or other clients issued client credentials MUST authenticate with the authorization server as described in Section 2.3 when making requests to the token endpoint."
# rule: CAUTH-007, RFC 6749 §5.2: "invalid_client Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method). The authorization server MAY return an HTTP 401 (Unauthorized) status code to indicate which HTTP authentication schemes are supported."
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-post&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=a_dRSpiR2J0JUWfD9IoE3tqM_BR1Z5kJ&code_challenge=niqqGEQXsAaTDUWQrC9UW0Usask4k_bloOQzA29aMKI&code_challenge_method=S256 -> 302 (2 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-post&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=a_dRSpiR2J0JUWfD9IoE3tqM_BR1Z5kJ&code_challenge=niqqGEQXsAaTDUWQrC9UW0Usask4k_bloOQzA29aMKI&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (15 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-post&client_secret='"${OAUTHSPEC_CLIENT_SECRET}" \
  --url 'http://localhost:8080/token'
