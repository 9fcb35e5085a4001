#!/usr/bin/env bash
# oauthspec replay of: The authorization endpoint does not answer CORS preflights
# 01_authorization_request.feature:223 (fail)
# requirements: AUTHZ-030
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: OPTIONS http://localhost:8080/authorize -> 204 (18 ms)
curl -i --globoff -X 'OPTIONS' \
  -H 'origin: https://attacker.oauthspec.test' \
  -H 'access-control-request-method: GET' \
  --url 'http://localhost:8080/authorize'
