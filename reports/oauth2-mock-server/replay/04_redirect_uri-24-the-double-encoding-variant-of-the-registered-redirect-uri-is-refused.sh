#!/usr/bin/env bash
# oauthspec replay of: The double-encoding variant of the registered redirect URI is refused
# 04_redirect_uri.feature:24 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%25252F..%25252Fx&scope=dummy&state=_AuqQGUZeqfN8Bn_MS5suukul2iCrLNL&code_challenge=wNuM6o-wNnlBxD_6Uy2lbwmP55a1SMZNBYNUFrBl74I&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%25252F..%25252Fx&scope=dummy&state=_AuqQGUZeqfN8Bn_MS5suukul2iCrLNL&code_challenge=wNuM6o-wNnlBxD_6Uy2lbwmP55a1SMZNBYNUFrBl74I&code_challenge_method=S256'
