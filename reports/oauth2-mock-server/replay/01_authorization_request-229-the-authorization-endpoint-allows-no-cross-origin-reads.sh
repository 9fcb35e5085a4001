#!/usr/bin/env bash
# oauthspec replay of: The authorization endpoint allows no cross-origin reads
# 01_authorization_request.feature:229 (fail)
# requirements: AUTHZ-030
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=daPQwt3LTJqDsFeJPRWMj2cNbK3BIGvt&code_challenge=LGI75TpXO4Py8CILKa4K7iquU1zOmH9BLE64Tbv4RCg&code_challenge_method=S256 -> 302 (17 ms)
curl -i --globoff -X 'GET' \
  -H 'origin: https://attacker.oauthspec.test' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=daPQwt3LTJqDsFeJPRWMj2cNbK3BIGvt&code_challenge=LGI75TpXO4Py8CILKa4K7iquU1zOmH9BLE64Tbv4RCg&code_challenge_method=S256'
