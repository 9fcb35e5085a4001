#!/usr/bin/env bash
# oauthspec replay of: An unsupported code_challenge_method gets invalid_request
# 09_pkce.feature:81 (fail)
# requirements: PKCE-007
# rule: PKCE-007, RFC 7636 §4.4.1: "If the server supporting PKCE does not support the requested transformation, the authorization endpoint MUST return the authorization error response with "error" value set to "invalid_request"."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=91AdEQSyBgWy9youbc9pOPQ3qB2lV6Ap&code_challenge=m51KbrOocxKREmdUAgc4yVZvloEgB_fiPv-qytN8fiM&code_challenge_method=S512 -> 400 (4 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=91AdEQSyBgWy9youbc9pOPQ3qB2lV6Ap&code_challenge=m51KbrOocxKREmdUAgc4yVZvloEgB_fiPv-qytN8fiM&code_challenge_method=S512'
