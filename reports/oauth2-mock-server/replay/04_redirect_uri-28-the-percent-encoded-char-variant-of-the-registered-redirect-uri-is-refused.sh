#!/usr/bin/env bash
# oauthspec replay of: The percent-encoded-char variant of the registered redirect URI is refused
# 04_redirect_uri.feature:28 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fc%2562&scope=dummy&state=t8rEgAcscY6eDJrNz3gs2Qt1R4S_48tT&code_challenge=tE0C85YnsjBfmiDhKszPo_PxbhxW0XqQpOHKDfXhrgA&code_challenge_method=S256 -> 302 (9 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fc%2562&scope=dummy&state=t8rEgAcscY6eDJrNz3gs2Qt1R4S_48tT&code_challenge=tE0C85YnsjBfmiDhKszPo_PxbhxW0XqQpOHKDfXhrgA&code_challenge_method=S256'
