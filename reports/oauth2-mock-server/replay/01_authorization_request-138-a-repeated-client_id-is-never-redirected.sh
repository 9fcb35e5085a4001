#!/usr/bin/env bash
# oauthspec replay of: A repeated client_id is never redirected
# 01_authorization_request.feature:138 (fail)
# requirements: GEN-004
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=J908MzrAR6qX6b5_h9uTKboXkUEld_tK&code_challenge=n2YputdQfniyDFswgg2dWdZLWrdHMF3ml6J9Qr6YnZM&code_challenge_method=S256&client_id=oauthspec-basic -> 302 (22 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=J908MzrAR6qX6b5_h9uTKboXkUEld_tK&code_challenge=n2YputdQfniyDFswgg2dWdZLWrdHMF3ml6J9Qr6YnZM&code_challenge_method=S256&client_id=oauthspec-basic'
