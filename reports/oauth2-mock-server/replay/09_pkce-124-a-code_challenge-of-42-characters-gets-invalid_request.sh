#!/usr/bin/env bash
# oauthspec replay of: A code_challenge of 42 characters gets invalid_request
# 09_pkce.feature:124 (warn)
# requirements: PKCE-014
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=SOiGo2i65UhQBTRrKGNmZ4JYHFGodaGm&code_challenge=AIKb0WbMqLtiXA51lOEZs7MZHF9jytfBQNrvPivFja&code_challenge_method=S256 -> 302 (10 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=SOiGo2i65UhQBTRrKGNmZ4JYHFGodaGm&code_challenge=AIKb0WbMqLtiXA51lOEZs7MZHF9jytfBQNrvPivFja&code_challenge_method=S256'
