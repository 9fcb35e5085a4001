#!/usr/bin/env bash
# oauthspec replay of: An unknown client with an attacker's redirect URI is not redirected
# 04_redirect_uri.feature:64 (fail)
# requirements: AUTHZ-007
# rule: AUTHZ-007, RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=HK4KcSpcV40luwXEITPIPZsRqeYI5gGa&code_challenge=pO-4fnG6tISLtlYif8bADI-4aCJPiHqoLXqrZ5OCNFs&code_challenge_method=S256 -> 302 (1 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-unknown-client&redirect_uri=https%3A%2F%2Fattacker.oauthspec.test%2Fcb&scope=dummy&state=HK4KcSpcV40luwXEITPIPZsRqeYI5gGa&code_challenge=pO-4fnG6tISLtlYif8bADI-4aCJPiHqoLXqrZ5OCNFs&code_challenge_method=S256'
