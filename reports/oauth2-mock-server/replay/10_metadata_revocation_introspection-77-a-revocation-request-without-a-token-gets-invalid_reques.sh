#!/usr/bin/env bash
# oauthspec replay of: A revocation request without a token gets invalid_request
# 10_metadata_revocation_introspection.feature:77 (warn)
# requirements: REV-003
#
# Redacted values: set these variables first (URL-encode values used in URLs
# or form bodies, exactly as they would go on the wire):
#   OAUTHSPEC_AUTHORIZATION  (redacted authorization)
set -euo pipefail

: "${OAUTHSPEC_AUTHORIZATION:?set OAUTHSPEC_AUTHORIZATION (redacted authorization)}"

# 1/1: POST http://localhost:8080/revoke -> 200 (20 ms)
curl -i --globoff -X 'POST' \
  -H 'content-type: application/x-www-form-urlencoded' \
  -H 'authorization: Basic '"${OAUTHSPEC_AUTHORIZATION}" \
  --data-raw '' \
  --url 'http://localhost:8080/revoke'
