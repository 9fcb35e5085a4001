#!/usr/bin/env bash
# oauthspec replay of: A wrong code_verifier gets invalid_grant
# 09_pkce.feature:19 (fail)
# requirements: PKCE-004
# rule: PKCE-004, RFC 7636 §4.6: "If the values are equal, the token endpoint MUST continue processing as normal (as defined by OAuth 2.0 [RFC6749]). If the values are not equal, an error response indicating "invalid_grant" as described in Section 5.2 of [RFC6749] MUST be returned."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=bRjuCXmkwNQyStaEXmze1kU3zgcgyzLb&code_challenge=XpUX4da5MzUlI2GyoJDwe9c5WXMmBewqXcdnCgGTKTs&code_challenge_method=S256 -> 302 (87 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=bRjuCXmkwNQyStaEXmze1kU3zgcgyzLb&code_challenge=XpUX4da5MzUlI2GyoJDwe9c5WXMmBewqXcdnCgGTKTs&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 400 (14 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
