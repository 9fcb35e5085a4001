#!/usr/bin/env bash
# oauthspec replay of: Error redirects use a defined error code and the allowed characters
# 03_authorization_response.feature:82 (fail)
# requirements: AUTHZ-025
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=kjeCcCgFp_bWCd342CIej3SwfgZ2Z60f&code_challenge=OSWf-SGDsDb7nO13nzFN4orme_DShAus5jQa28FF6VE&code_challenge_method=S256 -> 302 (17 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=kjeCcCgFp_bWCd342CIej3SwfgZ2Z60f&code_challenge=OSWf-SGDsDb7nO13nzFN4orme_DShAus5jQa28FF6VE&code_challenge_method=S256'
