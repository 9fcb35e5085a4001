#!/usr/bin/env bash
# oauthspec replay of: The redirects after the login and consent form POSTs are not 307
# 02_login_and_consent.feature:31 (fail)
# requirements: GEN-009
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=IDEs5tNUfAcjRMRv1ZJIslCYo9dbWkLH&code_challenge=71fwE-sE8pMJBhLaZVQ5gkm_k-r3UX5e8SARfyBq_K8&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=IDEs5tNUfAcjRMRv1ZJIslCYo9dbWkLH&code_challenge=71fwE-sE8pMJBhLaZVQ5gkm_k-r3UX5e8SARfyBq_K8&code_challenge_method=S256'
