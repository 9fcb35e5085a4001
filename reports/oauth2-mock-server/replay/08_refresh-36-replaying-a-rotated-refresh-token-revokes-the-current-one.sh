#!/usr/bin/env bash
# oauthspec replay of: Replaying a rotated refresh token revokes the current one
# 08_refresh.feature:36 (fail)
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

# 1/5: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=JEjmx4-x-M5Gof9Y9GxZhPiiMu7BLHQA&code_challenge=BtLqdTs5tAC6myTW5ubIod00fZE9G7uGckWm3ETtdK4&code_challenge_method=S256 -> 302 (3 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=JEjmx4-x-M5Gof9Y9GxZhPiiMu7BLHQA&code_challenge=BtLqdTs5tAC6myTW5ubIod00fZE9G7uGckWm3ETtdK4&code_challenge_method=S256'

# 2/5: POST http://localhost:8080/token -> 200 (11 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 3/5: POST http://localhost:8080/token -> 200 (8 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 4/5: POST http://localhost:8080/token -> 200 (31 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 5/5: POST http://localhost:8080/token -> 200 (19 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
