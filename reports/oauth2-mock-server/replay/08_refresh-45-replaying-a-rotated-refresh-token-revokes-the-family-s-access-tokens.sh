#!/usr/bin/env bash
# oauthspec replay of: Replaying a rotated refresh token revokes the family's access tokens
# 08_refresh.feature:45 (fail)
# requirements: RT-008
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_REFRESH_TOKEN  (redacted refresh_token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_REFRESH_TOKEN:?set OAUTHSPEC_REFRESH_TOKEN (redacted refresh_token)}"

# 1/5: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3m8IzYLWTj5zaZJm_n1r2EjdjikkkgRD&code_challenge=ANOE-3iWSOdjNHIZmb2J7FNWLMMf-hOoZJfjfr_p5L8&code_challenge_method=S256 -> 302 (19 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=3m8IzYLWTj5zaZJm_n1r2EjdjikkkgRD&code_challenge=ANOE-3iWSOdjNHIZmb2J7FNWLMMf-hOoZJfjfr_p5L8&code_challenge_method=S256'

# 2/5: POST http://localhost:8080/token -> 200 (58 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 3/5: POST http://localhost:8080/token -> 200 (34 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 4/5: POST http://localhost:8080/token -> 200 (55 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'

# 5/5: GET http://localhost:8080/api/hello -> 200 (31 ms)
curl -i --globoff -X 'GET' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  --url 'http://localhost:8080/api/hello'
