#!/usr/bin/env bash
# oauthspec replay of: A wrong secret cannot refresh
# 08_refresh.feature:79 (fail)
# requirements: CAUTH-008
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

# 1/3: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=M023knpqny7rYPO9Yl0knN0M5NbHuXVn&code_challenge=By_qniUffax-nIMrJ1rCBcy4lQj4F-_FzKO3G_wD188&code_challenge_method=S256 -> 302 (29 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=M023knpqny7rYPO9Yl0knN0M5NbHuXVn&code_challenge=By_qniUffax-nIMrJ1rCBcy4lQj4F-_FzKO3G_wD188&code_challenge_method=S256'

# 2/3: POST http://localhost:8080/token -> 200 (109 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/3: POST http://localhost:8080/token -> 200 (47 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://localhost:8080/token'
