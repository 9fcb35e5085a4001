#!/usr/bin/env bash
# oauthspec replay of: Omitting redirect_uri at the token endpoint is refused when the request had one
# 05_token_request.feature:157 (fail)
# requirements: CODE-008
# rule: CODE-008, RFC 6749 §4.1.3: "The authorization server MUST: [...] ensure that the "redirect_uri" parameter is present if the "redirect_uri" parameter was included in the initial authorization request as described in Section 4.1.1, and if included ensure that their values are identical."
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=kfbJOnSwFhv8XSh58Vmmu10yJfFQWBRh&code_challenge=nKev7Tmh4WY6-So52FvAsqWcAMo9TyHEvH0wmTDqcag&code_challenge_method=S256 -> 302 (9 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=kfbJOnSwFhv8XSh58Vmmu10yJfFQWBRh&code_challenge=nKev7Tmh4WY6-So52FvAsqWcAMo9TyHEvH0wmTDqcag&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (24 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'
