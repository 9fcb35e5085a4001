#!/usr/bin/env bash
# oauthspec replay of: The fragment variant of the registered redirect URI is refused
# 04_redirect_uri.feature:26 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%23frag&scope=dummy&state=b2gxAqbnf3NoZAuogYYbwb7u5rY-cefM&code_challenge=2wlZU9uFF5Sbro5euNV2L7BvYQfzVYnvNNyeS5PQDSQ&code_challenge_method=S256 -> 302 (31 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%23frag&scope=dummy&state=b2gxAqbnf3NoZAuogYYbwb7u5rY-cefM&code_challenge=2wlZU9uFF5Sbro5euNV2L7BvYQfzVYnvNNyeS5PQDSQ&code_challenge_method=S256'
