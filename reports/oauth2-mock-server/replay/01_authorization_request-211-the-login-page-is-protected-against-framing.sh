#!/usr/bin/env bash
# oauthspec replay of: The login page is protected against framing
# 01_authorization_request.feature:211 (fail)
# requirements: AUTHZ-029
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=abd_TvCfK9OE_KyswxphXF0nDehGkuox&code_challenge=4ExGchQbCKv6Ff-DwvxYxSe91nYzQQGgV-HbifIcaXw&code_challenge_method=S256 -> 302 (14 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=abd_TvCfK9OE_KyswxphXF0nDehGkuox&code_challenge=4ExGchQbCKv6Ff-DwvxYxSe91nYzQQGgV-HbifIcaXw&code_challenge_method=S256'
