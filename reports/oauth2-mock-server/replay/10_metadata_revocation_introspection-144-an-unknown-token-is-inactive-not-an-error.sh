#!/usr/bin/env bash
# oauthspec replay of: An unknown token is inactive, not an error
# 10_metadata_revocation_introspection.feature:144 (fail)
# requirements: INTRO-005
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
#   OAUTHSPEC_TOKEN  (redacted token)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"
: "${OAUTHSPEC_TOKEN:?set OAUTHSPEC_TOKEN (redacted token)}"

# 1/1: POST http://localhost:8080/introspect -> 200 (7 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw 'token='"${OAUTHSPEC_TOKEN}" \
  --url 'http://localhost:8080/introspect'
