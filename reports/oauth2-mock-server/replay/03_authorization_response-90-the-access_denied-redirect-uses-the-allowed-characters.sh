#!/usr/bin/env bash
# oauthspec replay of: The access_denied redirect uses the allowed characters
# 03_authorization_response.feature:90 (fail)
# requirements: AUTHZ-025
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=VSU9wuutq66snT4FQWmHpdKOnJ5W7HtD&code_challenge=MTLU8HWNjOBlNeo4-Re9HDQ4Xub5J1IokCZLhJdGEQ0&code_challenge_method=S256 -> 302 (17 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=VSU9wuutq66snT4FQWmHpdKOnJ5W7HtD&code_challenge=MTLU8HWNjOBlNeo4-Re9HDQ4Xub5J1IokCZLhJdGEQ0&code_challenge_method=S256'
