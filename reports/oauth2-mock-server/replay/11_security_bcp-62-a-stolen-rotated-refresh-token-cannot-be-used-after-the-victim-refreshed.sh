#!/usr/bin/env bash
# oauthspec replay of: A stolen rotated refresh token cannot be used after the victim refreshed
# 11_security_bcp.feature:62 (fail)
# requirements: RT-008
# rule: RT-008, RFC 9700 §2.2.2, §4.14.2: "Refresh tokens for public clients MUST be sender-constrained or use refresh token rotation as described in Section 4.14. [§4.14.2:] The authorization server cannot determine which party submitted the invalid refresh token, but it will revoke the active refresh token."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"

# 1/4: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=kymyKt-rtY7dD6WT2L62Nndyi9qxFO5S&code_challenge=IAyr25De6gMJxf_UwiVDQzWN88If0uRSeNpoxF74xHE&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=kymyKt-rtY7dD6WT2L62Nndyi9qxFO5S&code_challenge=IAyr25De6gMJxf_UwiVDQzWN88If0uRSeNpoxF74xHE&code_challenge_method=S256'

# 2/4: POST http://localhost:8080/token -> 200 (26 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 3/4: POST http://localhost:8080/token -> 200 (13 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 4/4: POST http://localhost:8080/token -> 200 (7 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
