#!/usr/bin/env bash
# oauthspec replay of: An unknown grant_type gets unsupported_grant_type
# 05_token_request.feature:210 (fail)
# requirements: TOKEN-010
# rule: TOKEN-010, RFC 6749 §5.2: "error REQUIRED. A single ASCII [USASCII] error code from the following: [...] unsupported_grant_type The authorization grant type is not supported by the authorization server."
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_PASSWORD  (redacted password)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_PASSWORD:?set OAUTHSPEC_PASSWORD (redacted password)}"

# 1/1: POST http://localhost:8080/token -> 400 (1 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=urn%3Aoauthspec%3Aunknown&username=johndoe&password='"${OAUTHSPEC_PASSWORD}"'&code='"${OAUTHSPEC_CODE}" \
  --url 'http://localhost:8080/token'
