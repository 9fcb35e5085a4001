#!/usr/bin/env bash
# oauthspec replay of: Concurrent redemptions of one code succeed at most once
# 11_security_bcp.feature:6 (fail)
# requirements: CODE-002
# rule: CODE-002, RFC 6749 §4.1.2: "The client MUST NOT use the authorization code more than once. If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code."
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

# 1/3: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=_7I1hJQfBqQ_1w3Mm-22VPJWVN-CFWJq&code_challenge=pwzdJhHBN_etLiH8TvOxrFP_5J39DoZwvuwOrCd70xQ&code_challenge_method=S256 -> 200 (113 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=_7I1hJQfBqQ_1w3Mm-22VPJWVN-CFWJq&code_challenge=pwzdJhHBN_etLiH8TvOxrFP_5J39DoZwvuwOrCd70xQ&code_challenge_method=S256'

# 2/3: POST http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=_7I1hJQfBqQ_1w3Mm-22VPJWVN-CFWJq&code_challenge=pwzdJhHBN_etLiH8TvOxrFP_5J39DoZwvuwOrCd70xQ&code_challenge_method=S256 -> 302 (26 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' \
  --data-raw 'sub=alice%40example.com' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=_7I1hJQfBqQ_1w3Mm-22VPJWVN-CFWJq&code_challenge=pwzdJhHBN_etLiH8TvOxrFP_5J39DoZwvuwOrCd70xQ&code_challenge_method=S256'

# 3/3: POST http://127.0.0.1:3210/oauth2/token -> 400 (35 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://127.0.0.1:3210/oauth2/token'
