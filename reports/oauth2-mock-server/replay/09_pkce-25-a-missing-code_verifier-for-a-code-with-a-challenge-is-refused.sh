#!/usr/bin/env bash
# oauthspec replay of: A missing code_verifier for a code with a challenge is refused
# 09_pkce.feature:25 (fail)
# requirements: PKCE-011
# rule: PKCE-011, RFC 9700 §2.1.1: "If a client sends a valid PKCE code_challenge parameter in the authorization request, the authorization server MUST enforce the correct usage of code_verifier at the token endpoint."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=Ryp6Q3RHzXVwUEkFWS5AhSm7vltoRPmr&code_challenge=0A4Jb_GEZyBgfYPzRXuXDnLqXxaEeRdWBUFz2OD6fLw&code_challenge_method=S256 -> 302 (90 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=Ryp6Q3RHzXVwUEkFWS5AhSm7vltoRPmr&code_challenge=0A4Jb_GEZyBgfYPzRXuXDnLqXxaEeRdWBUFz2OD6fLw&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (32 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
