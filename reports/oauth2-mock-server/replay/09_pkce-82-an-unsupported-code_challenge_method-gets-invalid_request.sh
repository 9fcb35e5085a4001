#!/usr/bin/env bash
# oauthspec replay of: An unsupported code_challenge_method gets invalid_request
# 09_pkce.feature:82 (fail)
# requirements: PKCE-007
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=CFc3FwYj5C714n-FkQH95WabsNvvwoXR&code_challenge=MAz2PVw5C5D5H4XNvDWteY1QBSgNCYGJ3oPWYRMfhWQ&code_challenge_method=S512 -> 400 (26 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=CFc3FwYj5C714n-FkQH95WabsNvvwoXR&code_challenge=MAz2PVw5C5D5H4XNvDWteY1QBSgNCYGJ3oPWYRMfhWQ&code_challenge_method=S512'
