#!/usr/bin/env bash
# oauthspec replay of: The trailing-slash variant of the registered redirect URI is refused
# 04_redirect_uri.feature:18 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2F&scope=dummy&state=hC1n6cG1oVVMfrUx5aydMyYekN5Swsrc&code_challenge=nM-81KhHVTmjqPvCSbMMdW0NemcYvVjx-crEtm15lPg&code_challenge_method=S256 -> 302 (15 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2F&scope=dummy&state=hC1n6cG1oVVMfrUx5aydMyYekN5Swsrc&code_challenge=nM-81KhHVTmjqPvCSbMMdW0NemcYvVjx-crEtm15lPg&code_challenge_method=S256'
