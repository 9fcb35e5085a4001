#!/usr/bin/env bash
# oauthspec replay of: A request with an unknown client_id is never redirected
# 01_authorization_request.feature:41 (fail)
# requirements: AUTHZ-007
# rule: AUTHZ-007, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=TzhIcwx-UHt7GU1mq6DJbom2SXgfJbmA&code_challenge=ntciAgm9HLYEAheBjfSvEjq1MMPCj2xLy_65lIkoIos&code_challenge_method=S256 -> 302 (6 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=TzhIcwx-UHt7GU1mq6DJbom2SXgfJbmA&code_challenge=ntciAgm9HLYEAheBjfSvEjq1MMPCj2xLy_65lIkoIos&code_challenge_method=S256'
