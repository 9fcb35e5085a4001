#!/usr/bin/env bash
# oauthspec replay of: A code_verifier of 129 characters is refused even with a matching challenge
# 09_pkce.feature:56 (warn)
# requirements: PKCE-013
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_CODE  (redacted code)
#   OAUTHSPEC_CODE_VERIFIER  (redacted code_verifier)
set -euo pipefail

: "${OAUTHSPEC_CODE:?set OAUTHSPEC_CODE (redacted code)}"
: "${OAUTHSPEC_CODE_VERIFIER:?set OAUTHSPEC_CODE_VERIFIER (redacted code_verifier)}"

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=NUs-ctlKC-BxoqrtEBHHcAfiwo9Rb7uf&code_challenge=5IHZ2deRRsbSNiURKsSSwO2iI3VLbnMSLkwttqsTb44&code_challenge_method=S256 -> 302 (26 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=NUs-ctlKC-BxoqrtEBHHcAfiwo9Rb7uf&code_challenge=5IHZ2deRRsbSNiURKsSSwO2iI3VLbnMSLkwttqsTb44&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 400 (4 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  --data-raw 'grant_type=authorization_code&code='"${OAUTHSPEC_CODE}"'&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&code_verifier='"${OAUTHSPEC_CODE_VERIFIER}"'&client_id=oauthspec-public' \
  --url 'http://localhost:8080/token'
