#!/usr/bin/env bash
# oauthspec replay of: An error is not redirected before the user has logged in
# 01_authorization_request.feature:194 (fail)
# requirements: AUTHZ-026
# rule: AUTHZ-026, RFC 9700 §4.11.2: "The authorization server MUST always authenticate the user first and, with the exception of the silent authentication use case, prompt the user for credentials when needed, before redirecting the user."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=uFdJLQeAYq7jvi2f9pe-VN790wCZfpFV&code_challenge=jfAA7bpIIgqKbqSTy5BEI9CCqKanKjNn-2DXPV_AykY&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=oauthspec.nonexistent.scope&state=uFdJLQeAYq7jvi2f9pe-VN790wCZfpFV&code_challenge=jfAA7bpIIgqKbqSTy5BEI9CCqKanKjNn-2DXPV_AykY&code_challenge_method=S256'
