#!/usr/bin/env bash
# oauthspec replay of: A consent POST without its CSRF token is refused
# 02_login_and_consent.feature:46 (fail)
# requirements: AUTHZ-027
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=0YFD7VVa1u-nhQPu2IwFPSGvTuJgWulF&code_challenge=hgfyQxtjt1PvK3iRSgRFSjkkP1Ukqm03YKrPv2zG7DY&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=0YFD7VVa1u-nhQPu2IwFPSGvTuJgWulF&code_challenge=hgfyQxtjt1PvK3iRSgRFSjkkP1Ukqm03YKrPv2zG7DY&code_challenge_method=S256'
