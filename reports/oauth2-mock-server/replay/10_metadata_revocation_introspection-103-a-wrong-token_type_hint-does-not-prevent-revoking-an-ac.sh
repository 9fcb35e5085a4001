#!/usr/bin/env bash
# oauthspec replay of: A wrong token_type_hint does not prevent revoking an access token
# 10_metadata_revocation_introspection.feature:103 (fail)
# requirements: REV-008
# rule: REV-008, RFC 7009 §2.1: "If the server is unable to locate the token using the given hint, it MUST extend its search across all of its supported token types."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
#   OAUTHSPEC_TOKEN  (redacted token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"
: "${OAUTHSPEC_TOKEN:?set OAUTHSPEC_TOKEN (redacted token)}"

# 1/4: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=q5C5nqQLem6_IgSss-Mo6AEzgHh9Giwm&code_challenge=-oKFk_VmnTN2AhHukr1MSZA3RjKCX5RMNMXVR4i6QLg&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=q5C5nqQLem6_IgSss-Mo6AEzgHh9Giwm&code_challenge=-oKFk_VmnTN2AhHukr1MSZA3RjKCX5RMNMXVR4i6QLg&code_challenge_method=S256'

# 2/4: POST http://localhost:8080/token -> 200 (24 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/4: POST http://localhost:8080/revoke -> 200 (10 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}"'&token_type_hint=refresh_token' \
  --url 'http://localhost:8080/revoke'

# 4/4: GET http://localhost:8080/api/hello -> 200 (5 ms)
curl -i --globoff -X 'GET' \
  -H 'authorization: Bearer '"${OAUTHSPEC_AUTHORIZATION}" \
  --url 'http://localhost:8080/api/hello'
