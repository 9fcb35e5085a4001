#!/usr/bin/env bash
# oauthspec replay of: A request without response_type gets invalid_request at the redirect URI
# 01_authorization_request.feature:65 (fail)
# requirements: AUTHZ-004
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=nkiatVTscEsEQVtjKCXVp40Gxdbkjmwl&code_challenge=LWPjwjtxWb1_tFJtcdoA4Kgro98eWwomXThrSEyMQRs&code_challenge_method=S256 -> 302 (21 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=nkiatVTscEsEQVtjKCXVp40Gxdbkjmwl&code_challenge=LWPjwjtxWb1_tFJtcdoA4Kgro98eWwomXThrSEyMQRs&code_challenge_method=S256'
