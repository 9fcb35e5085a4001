#!/usr/bin/env bash
# oauthspec replay of: The upper-host variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:44 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=dummy&state=wjFofRCY_KynR0WF-H4gMN5h2fF-3a4L&code_challenge=TbRdPoJQr7hmSsQXJfaiUKF6IGsqLeb3nYMoWb3gaU0&code_challenge_method=S256 -> 302 (29 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2FCLIENT.OAUTHSPEC.TEST%2Fcb&scope=dummy&state=wjFofRCY_KynR0WF-H4gMN5h2fF-3a4L&code_challenge=TbRdPoJQr7hmSsQXJfaiUKF6IGsqLeb3nYMoWb3gaU0&code_challenge_method=S256'
