#!/usr/bin/env bash
# oauthspec replay of: The login page loads nothing from other sites
# 01_authorization_request.feature:225 (warn)
# requirements: AUTHZ-032
# rule: AUTHZ-032, RFC 9700 §4.2.4: "The page rendered as a result of the OAuth authorization response and the authorization endpoint SHOULD NOT include third-party resources or links to external sites."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=YKTjPjNGJNYR8u4Hq7xl1edOgHmUIuEI&code_challenge=28zwWKhvo48CQUESvf4vSaOimnuxJnIsP_4zRnimG4U&code_challenge_method=S256 -> 200 (20 ms)
curl -i --globoff -X 'GET' \
  --url 'http://127.0.0.1:3210/oauth2/authorize?response_type=code&client_id=4c4fe642-5ccd-4978-a43f-1ad3c74ebd2e&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=openid&state=YKTjPjNGJNYR8u4Hq7xl1edOgHmUIuEI&code_challenge=28zwWKhvo48CQUESvf4vSaOimnuxJnIsP_4zRnimG4U&code_challenge_method=S256'
