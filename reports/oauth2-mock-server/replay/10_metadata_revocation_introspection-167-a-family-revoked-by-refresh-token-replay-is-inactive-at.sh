#!/usr/bin/env bash
# oauthspec replay of: A family revoked by refresh token replay is inactive at introspection
# 10_metadata_revocation_introspection.feature:167 (fail)
# requirements: INTRO-009
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
#   OAUTHSPEC_TOKEN  (redacted token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"
: "${OAUTHSPEC_TOKEN:?set OAUTHSPEC_TOKEN (redacted token)}"

# 1/5: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=pxlfnTBUbLEI_wmmA20_I0QWgLrL7pw1&code_challenge=Wo6fBE_b__bmeVgZ8C6DYFA6JLAYTWNrnQR3JKIJC-s&code_challenge_method=S256 -> 302 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=pxlfnTBUbLEI_wmmA20_I0QWgLrL7pw1&code_challenge=Wo6fBE_b__bmeVgZ8C6DYFA6JLAYTWNrnQR3JKIJC-s&code_challenge_method=S256'

# 2/5: POST http://localhost:8080/token -> 200 (88 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/5: POST http://localhost:8080/token -> 200 (160 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://localhost:8080/token'

# 4/5: POST http://localhost:8080/token -> 200 (142 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://localhost:8080/token'

# 5/5: POST http://localhost:8080/introspect -> 200 (31 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}" \
  --url 'http://localhost:8080/introspect'
