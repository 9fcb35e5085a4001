#!/usr/bin/env bash
# oauthspec replay of: A code_challenge with padding gets invalid_request
# 09_pkce.feature:123 (warn)
# requirements: PKCE-014
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=zCRrea7ajBgOYq7Hl5PyQwqbo9o-dM3b&code_challenge=bUCxj8yNLrcDR7GBlSumR2RUGrMrgj5S6wyAF50muuo%3D&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=zCRrea7ajBgOYq7Hl5PyQwqbo9o-dM3b&code_challenge=bUCxj8yNLrcDR7GBlSumR2RUGrMrgj5S6wyAF50muuo%3D&code_challenge_method=S256'
