#!/usr/bin/env bash
# oauthspec replay of: The authorization endpoint does not answer CORS preflights
# 01_authorization_request.feature:223 (fail)
# requirements: AUTHZ-030
# rule: AUTHZ-030, RFC 9700 §2.6: "However, CORS MUST NOT be supported at the authorization endpoint, as the client does not access this endpoint directly; instead, the client redirects the user agent to it."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: OPTIONS http://localhost:8080/authorize -> 204 (2 ms)
curl -i --globoff -X 'OPTIONS' \
  -H 'origin: https://attacker.oauthspec.test' \
  -H 'access-control-request-method: GET' \
  --url 'http://localhost:8080/authorize'
