#!/usr/bin/env bash
# oauthspec replay of: A revoked refresh token cannot refresh
# 08_refresh.feature:128 (fail)
# requirements: REV-001, REV-009
# rule: REV-001, RFC 7009 §2: "Implementations MUST support the revocation of refresh tokens and SHOULD support the revocation of access tokens (see Implementation Note)."
# rule: REV-009, RFC 7009 §2.1: "In the next step, the authorization server invalidates the token. The invalidation takes place immediately, and the token cannot be used again after the revocation."
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

# 1/4: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=9rNGqmd23xzSgvC0NwF3ZWIiLJmsMNTg&code_challenge=eyVJZv_3nP1tgbtmlRc_GqTr1aUenKYxzV90Zs7knYM&code_challenge_method=S256 -> 302 (8 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=9rNGqmd23xzSgvC0NwF3ZWIiLJmsMNTg&code_challenge=eyVJZv_3nP1tgbtmlRc_GqTr1aUenKYxzV90Zs7knYM&code_challenge_method=S256'

# 2/4: POST http://localhost:8080/token -> 200 (47 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/4: POST http://localhost:8080/revoke -> 200 (11 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}" \
  --url 'http://localhost:8080/revoke'

# 4/4: POST http://localhost:8080/token -> 200 (108 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=refresh_token&refresh_token='"${OAUTHSPEC_REFRESH_TOKEN}" \
  --url 'http://localhost:8080/token'
