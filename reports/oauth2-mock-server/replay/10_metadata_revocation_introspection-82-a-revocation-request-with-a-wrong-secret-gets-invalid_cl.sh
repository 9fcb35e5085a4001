#!/usr/bin/env bash
# oauthspec replay of: A revocation request with a wrong secret gets invalid_client
# 10_metadata_revocation_introspection.feature:82 (warn)
# requirements: REV-004
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

# 1/3: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=XIQ3JjO2jtiYDzpXugDK1K_nrINh2TB3&code_challenge=lOIg6qfxxVHUI5xEDFA_eWe7vfY0G5ULZrKb-6Viauw&code_challenge_method=S256 -> 302 (20 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=XIQ3JjO2jtiYDzpXugDK1K_nrINh2TB3&code_challenge=lOIg6qfxxVHUI5xEDFA_eWe7vfY0G5ULZrKb-6Viauw&code_challenge_method=S256'

# 2/3: POST http://localhost:8080/token -> 200 (78 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/3: POST http://localhost:8080/revoke -> 200 (23 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}" \
  --url 'http://localhost:8080/revoke'
