#!/usr/bin/env bash
# oauthspec replay of: Redeeming a code twice revokes the access token it issued
# 05_token_request.feature:91 (warn)
# requirements: CODE-003
# rule: CODE-003, RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code."
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

# 1/5: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=IqroafRr9GaiKV_MzJRPyFaPWoqx-BsU&code_challenge=eYx3ZVsAkJ7jkd4VzNUbNfqj35wjDltmTcdsMKa7_3U&code_challenge_method=S256 -> 200 (95 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=IqroafRr9GaiKV_MzJRPyFaPWoqx-BsU&code_challenge=eYx3ZVsAkJ7jkd4VzNUbNfqj35wjDltmTcdsMKa7_3U&code_challenge_method=S256'

# 2/5: POST http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=IqroafRr9GaiKV_MzJRPyFaPWoqx-BsU&code_challenge=eYx3ZVsAkJ7jkd4VzNUbNfqj35wjDltmTcdsMKa7_3U&code_challenge_method=S256 -> 302 (56 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --data-raw 'sub=alice%40example.com' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=IqroafRr9GaiKV_MzJRPyFaPWoqx-BsU&code_challenge=eYx3ZVsAkJ7jkd4VzNUbNfqj35wjDltmTcdsMKa7_3U&code_challenge_method=S256'

# 3/5: POST http://127.0.0.1:3210/oauth2/token -> 200 (184 ms)
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

# 5/5: GET http://127.0.0.1:3210/userinfo -> 200 (26 ms)
curl -i --globoff -X 'GET' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  --url 'http://127.0.0.1:3210/userinfo'
