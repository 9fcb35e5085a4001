#!/usr/bin/env bash
# oauthspec replay of: The encoded-slash variant of the registered redirect URI is refused
# 04_redirect_uri.feature:22 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%252Fx&scope=dummy&state=1tXXsnLrRVdOQcaoYHN_1vcnBLrr6vPw&code_challenge=j4FZrG-PjFn9BWTUNZ9zvVHSptEQZ7C3NZIb1n5Css4&code_challenge_method=S256 -> 302 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%252Fx&scope=dummy&state=1tXXsnLrRVdOQcaoYHN_1vcnBLrr6vPw&code_challenge=j4FZrG-PjFn9BWTUNZ9zvVHSptEQZ7C3NZIb1n5Css4&code_challenge_method=S256'
