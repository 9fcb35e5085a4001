#!/usr/bin/env bash
# oauthspec replay of: An unknown scope gets invalid_scope
# 01_authorization_request.feature:90 (fail)
# requirements: AUTHZ-020
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=uQw1lqg_ufAvO69LEAaEIezVj5W7Tj_1&code_challenge=D482jk1b8Rhh57LBxb67cWTne9OfO7ugifbUtKIT0FM&code_challenge_method=S256 -> 302 (20 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=uQw1lqg_ufAvO69LEAaEIezVj5W7Tj_1&code_challenge=D482jk1b8Rhh57LBxb67cWTne9OfO7ugifbUtKIT0FM&code_challenge_method=S256'
