#!/usr/bin/env bash
# oauthspec replay of: A request with an unknown client_id is never redirected
# 01_authorization_request.feature:41 (fail)
# requirements: AUTHZ-007
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=UPxvUbSrnFVJeuH_0RyLsHhfJvNQGJ1r&code_challenge=v5nBY5y4hAws9ZR7xHbKh4J1jdzEcgbm-NO0KihWXSc&code_challenge_method=S256 -> 302 (33 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=UPxvUbSrnFVJeuH_0RyLsHhfJvNQGJ1r&code_challenge=v5nBY5y4hAws9ZR7xHbKh4J1jdzEcgbm-NO0KihWXSc&code_challenge_method=S256'
