#!/usr/bin/env bash
# oauthspec replay of: A token request with a JSON body yields no tokens
# 05_token_request.feature:226 (fail)
# requirements: GEN-007
# rule: GEN-007, RFC 6749 App. B: "To address this shortcoming when generating payloads using this media type, names and values MUST be encoded using the UTF-8 character encoding scheme [RFC3629] first; the resulting octet sequence then needs to be further encoded using the escaping rules defined in [W3C.REC-html401-19991224]."
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

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=J3jY6Z8y_hDLgI1cfO56fqtpZRQnvA25&code_challenge=SQRz4RRmU0l40ut9zblwqOAKFdfTzEF_5ZF7eIFNnAM&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=J3jY6Z8y_hDLgI1cfO56fqtpZRQnvA25&code_challenge=SQRz4RRmU0l40ut9zblwqOAKFdfTzEF_5ZF7eIFNnAM&code_challenge_method=S256'

# 2/2: POST http://localhost:8080/token -> 200 (5 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/json' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw '{"code":"'"${OAUTHSPEC_CODE}"'","code_verifier":"'"${OAUTHSPEC_CODE_VERIFIER}"'","grant_type":"authorization_code","redirect_uri":"https://client.oauthspec.test/cb"}' \
  --url 'http://localhost:8080/token'
