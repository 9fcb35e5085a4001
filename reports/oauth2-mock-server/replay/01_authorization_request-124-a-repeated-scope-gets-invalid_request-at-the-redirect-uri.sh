#!/usr/bin/env bash
# oauthspec replay of: A repeated scope gets invalid_request at the redirect URI
# 01_authorization_request.feature:124 (fail)
# requirements: GEN-004
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=UZt52bu1uCxnAUp4gcEIgF_0MKJXnUl8&code_challenge=JmjnjE0P0fQtdRDiT9HlI3o0GXZnlwzKg8PRTmmlXM8&code_challenge_method=S256&scope=dummy -> 400 (11 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=UZt52bu1uCxnAUp4gcEIgF_0MKJXnUl8&code_challenge=JmjnjE0P0fQtdRDiT9HlI3o0GXZnlwzKg8PRTmmlXM8&code_challenge_method=S256&scope=dummy'
