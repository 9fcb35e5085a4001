#!/usr/bin/env bash
# oauthspec replay of: Redeeming a code twice revokes the refresh token it issued
# 05_token_request.feature:100 (warn)
# requirements: CODE-003
# rule: CODE-003, RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code."
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

# 1/5: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=46WmeY1AeQbEAqhM-Oh693PmdGpXVgCC&code_challenge=2zol7kJ1FnnpGQ3copY5gUvSPj-cBeAgS2UKio4eGXc&code_challenge_method=S256 -> 200 (94 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=46WmeY1AeQbEAqhM-Oh693PmdGpXVgCC&code_challenge=2zol7kJ1FnnpGQ3copY5gUvSPj-cBeAgS2UKio4eGXc&code_challenge_method=S256'

# 2/5: POST http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=46WmeY1AeQbEAqhM-Oh693PmdGpXVgCC&code_challenge=2zol7kJ1FnnpGQ3copY5gUvSPj-cBeAgS2UKio4eGXc&code_challenge_method=S256 -> 302 (56 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --data-raw 'sub=alice%40example.com' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=46WmeY1AeQbEAqhM-Oh693PmdGpXVgCC&code_challenge=2zol7kJ1FnnpGQ3copY5gUvSPj-cBeAgS2UKio4eGXc&code_challenge_method=S256'

# 3/5: POST http://127.0.0.1:3210/oauth2/token -> 200 (185 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:3210/oauth2/token'

# 4/5: POST http://127.0.0.1:3210/oauth2/token -> 400 (21 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:3210/oauth2/token'

# 5/5: POST http://127.0.0.1:3210/oauth2/token -> 200 (44 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://127.0.0.1:3210/oauth2/token'
