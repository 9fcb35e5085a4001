#!/usr/bin/env bash
# oauthspec replay of: The other-port variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:45 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%3A8443%2Fcb&scope=dummy&state=fTJRZEYYrXFsffFK_yci7kTgzOP0X2-m&code_challenge=5GXe0GRvGexXRAheiWCbnWzc2hLikPXX9lTUMP_Zkm0&code_challenge_method=S256 -> 302 (28 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%3A8443%2Fcb&scope=dummy&state=fTJRZEYYrXFsffFK_yci7kTgzOP0X2-m&code_challenge=5GXe0GRvGexXRAheiWCbnWzc2hLikPXX9lTUMP_Zkm0&code_challenge_method=S256'
