#!/usr/bin/env bash
# oauthspec replay of: A fresh access token is active with its scope, client_id and exp
# 10_metadata_revocation_introspection.feature:137 (fail)
# requirements: INTRO-004, INTRO-007
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

# 1/3: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=ed1A9TpWDdb3qCShEEC0tfacpbAEvAzv&code_challenge=LfmjQyz-4jBk6uNuKdC91b_IvxSM1fzB-Zme60ynhl8&code_challenge_method=S256 -> 302 (15 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=ed1A9TpWDdb3qCShEEC0tfacpbAEvAzv&code_challenge=LfmjQyz-4jBk6uNuKdC91b_IvxSM1fzB-Zme60ynhl8&code_challenge_method=S256'

# 2/3: POST http://localhost:8080/token -> 200 (71 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}" \
  --url 'http://localhost:8080/token'

# 3/3: POST http://localhost:8080/introspect -> 200 (10 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}" \
  --url 'http://localhost:8080/introspect'
