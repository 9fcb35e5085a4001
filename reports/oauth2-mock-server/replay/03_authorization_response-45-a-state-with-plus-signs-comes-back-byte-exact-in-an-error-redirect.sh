#!/usr/bin/env bash
# oauthspec replay of: A state with plus signs comes back byte-exact in an error redirect
# 03_authorization_response.feature:45 (fail)
# requirements: AUTHZ-017
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=a%2Bb%2B%2Bc%2B&code_challenge=pw-M6aStNs1HDAKF_dOdhNj1DkND8hUSIP5Zgx7gghc&code_challenge_method=S256 -> 302 (15 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=a%2Bb%2B%2Bc%2B&code_challenge=pw-M6aStNs1HDAKF_dOdhNj1DkND8hUSIP5Zgx7gghc&code_challenge_method=S256'
