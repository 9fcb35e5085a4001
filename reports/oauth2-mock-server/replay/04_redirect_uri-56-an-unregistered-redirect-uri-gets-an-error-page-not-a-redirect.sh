#!/usr/bin/env bash
# oauthspec replay of: An unregistered redirect URI gets an error page, not a redirect
# 04_redirect_uri.feature:56 (fail)
# requirements: AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=-dFxlWm1klH2EC2lRF9eUTqESCgqv1LQ&code_challenge=rzVhF9dBHC9kKt4DofXqi55R_eMtCPxQwUfMNOyvbxk&code_challenge_method=S256 -> 302 (21 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=-dFxlWm1klH2EC2lRF9eUTqESCgqv1LQ&code_challenge=rzVhF9dBHC9kKt4DofXqi55R_eMtCPxQwUfMNOyvbxk&code_challenge_method=S256'
