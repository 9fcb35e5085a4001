#!/usr/bin/env bash
# oauthspec replay of: The path-prefix variant of the registered redirect URI is refused
# 04_redirect_uri.feature:29 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fc&scope=dummy&state=LpaaLSRTKYFU4F6oXMB1QXK0HNESqZL3&code_challenge=Iq1B9cARJ70N3LBF95fmJWEL-4J9PGY3cov_OpVV83o&code_challenge_method=S256 -> 302 (19 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fc&scope=dummy&state=LpaaLSRTKYFU4F6oXMB1QXK0HNESqZL3&code_challenge=Iq1B9cARJ70N3LBF95fmJWEL-4J9PGY3cov_OpVV83o&code_challenge_method=S256'
