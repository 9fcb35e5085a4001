#!/usr/bin/env bash
# oauthspec replay of: Replaying a rotated refresh token revokes the current one
# 08_refresh.feature:36 (fail)
# requirements: RT-008
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

# 1/5: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=7IXomH8F0gu7z0iiDuCZyZ5hPqmQs5E5&code_challenge=dDYiPyAJ0kQcHAa_dPQ4_IgtL5n3TU_lFoERPQE4LDk&code_challenge_method=S256 -> 302 (8 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=7IXomH8F0gu7z0iiDuCZyZ5hPqmQs5E5&code_challenge=dDYiPyAJ0kQcHAa_dPQ4_IgtL5n3TU_lFoERPQE4LDk&code_challenge_method=S256'

# 2/5: POST http://localhost:8080/token -> 200 (70 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 3/5: POST http://localhost:8080/token -> 200 (15 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 4/5: POST http://localhost:8080/token -> 200 (42 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 5/5: POST http://localhost:8080/token -> 200 (59 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
