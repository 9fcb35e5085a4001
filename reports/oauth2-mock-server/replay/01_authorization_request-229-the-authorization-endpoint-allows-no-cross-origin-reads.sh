#!/usr/bin/env bash
# oauthspec replay of: The authorization endpoint allows no cross-origin reads
# 01_authorization_request.feature:229 (fail)
# requirements: AUTHZ-030
# rule: AUTHZ-030, RFC 9700 §2.6: "However, CORS MUST NOT be supported at the authorization endpoint, as the client does not access this endpoint directly; instead, the client redirects the user agent to it."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=4wolhcOeddi3Om3DhhA5N3ogdo4uv0hn&code_challenge=4PzcR0Pf9CeaT2HoJEIdKB7XbuadzAXVl6ZCxDtJdbM&code_challenge_method=S256 -> 302 (5 ms)
curl -i --globoff -X 'GET' \
  -H 'origin: https://attacker.oauthspec.test' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=4wolhcOeddi3Om3DhhA5N3ogdo4uv0hn&code_challenge=4PzcR0Pf9CeaT2HoJEIdKB7XbuadzAXVl6ZCxDtJdbM&code_challenge_method=S256'
