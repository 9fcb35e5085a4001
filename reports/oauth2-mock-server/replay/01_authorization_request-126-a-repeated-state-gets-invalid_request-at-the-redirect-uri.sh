#!/usr/bin/env bash
# oauthspec replay of: A repeated state gets invalid_request at the redirect URI
# 01_authorization_request.feature:126 (fail)
# requirements: GEN-004
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=-V78RSsSBxh-QL8fX8X156VhwZxESNoz&code_challenge=mWTBz1iYrZvpd3H2RSafiP5ols0NajVxq4RjjjoFUS0&code_challenge_method=S256&state=-V78RSsSBxh-QL8fX8X156VhwZxESNoz -> 400 (22 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=-V78RSsSBxh-QL8fX8X156VhwZxESNoz&code_challenge=mWTBz1iYrZvpd3H2RSafiP5ols0NajVxq4RjjjoFUS0&code_challenge_method=S256&state=-V78RSsSBxh-QL8fX8X156VhwZxESNoz'
