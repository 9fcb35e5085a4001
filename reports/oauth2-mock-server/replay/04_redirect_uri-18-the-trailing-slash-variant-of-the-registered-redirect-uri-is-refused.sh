#!/usr/bin/env bash
# oauthspec replay of: The trailing-slash variant of the registered redirect URI is refused
# 04_redirect_uri.feature:18 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# rule: AUTHZ-011, RFC 9700 §2.1: "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps (see Section 4.1.3)."
# rule: AUTHZ-008, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2F&scope=dummy&state=H-PMgvR0eG-DCi5rKJzsMIYhVAcWcDXh&code_challenge=wj4LUCJnRqscRDQmYtEqW8-W1v0FL8D_1QlkrdyIqh8&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2F&scope=dummy&state=H-PMgvR0eG-DCi5rKJzsMIYhVAcWcDXh&code_challenge=wj4LUCJnRqscRDQmYtEqW8-W1v0FL8D_1QlkrdyIqh8&code_challenge_method=S256'
