#!/usr/bin/env bash
# oauthspec replay of: The backslash variant of the registered redirect URI is refused
# 04_redirect_uri.feature:30 (warn)
# requirements: AUTHZ-011, AUTHZ-008
# rule: AUTHZ-011, RFC 9700 §2.1: "When comparing client redirection URIs against pre-registered URIs, authorization servers MUST utilize exact string matching except for port numbers in localhost redirection URIs of native apps (see Section 4.1.3)."
# rule: AUTHZ-008, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%5C%40attacker.oauthspec.test%2Fcb&scope=openid&state=7seocDZs_ae6Q7Et9XlvtZAc45L6OPp9&code_challenge=zw4vlzgprJ9FycZK84e7eoB_LZcxuGiK8tnIOnvYjWE&code_challenge_method=S256 -> 500 (29 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%5C%40attacker.oauthspec.test%2Fcb&scope=openid&state=7seocDZs_ae6Q7Et9XlvtZAc45L6OPp9&code_challenge=zw4vlzgprJ9FycZK84e7eoB_LZcxuGiK8tnIOnvYjWE&code_challenge_method=S256'
