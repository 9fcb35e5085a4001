#!/usr/bin/env bash
# oauthspec replay of: A confidential client sending only its client_id is refused
# 05_token_request.feature:47 (fail)
# requirements: CAUTH-008
# rule: CAUTH-008, RFC 6749 §3.2.1: "Confidential clients or other clients issued client credentials MUST authenticate with the authorization server as described in Section 2.3 when making requests to the token endpoint."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=MERcTI1GGyihrXmRuW97_lM0JC7fA15e&code_challenge=S9-BYdlGAyU8mNu6DGacPtMPDfFx7UP1SmKTiHIE1dM&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=MERcTI1GGyihrXmRuW97_lM0JC7fA15e&code_challenge=S9-BYdlGAyU8mNu6DGacPtMPDfFx7UP1SmKTiHIE1dM&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (19 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-basic' \
  --url 'http://localhost:8080/token'
