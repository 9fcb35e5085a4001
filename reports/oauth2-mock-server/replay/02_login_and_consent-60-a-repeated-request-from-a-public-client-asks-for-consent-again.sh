#!/usr/bin/env bash
# oauthspec replay of: A repeated request from a public client asks for consent again
# 02_login_and_consent.feature:60 (warn)
# requirements: AUTHZ-028
# rule: AUTHZ-028, RFC 6749 §10.2: "The authorization server SHOULD NOT process repeated authorization requests automatically (without active resource owner interaction) without authenticating the client or relying on other measures to ensure that the repeated request comes from the original client and not an impersonator."
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8obfT79Iw9x8lL7pUwdnfP26Bd5_rYM2&code_challenge=xIJxFOb8JxMjV0F-jIjLJgRyWerMx5k6JG_4isdVCr0&code_challenge_method=S256 -> 302 (7 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=8obfT79Iw9x8lL7pUwdnfP26Bd5_rYM2&code_challenge=xIJxFOb8JxMjV0F-jIjLJgRyWerMx5k6JG_4isdVCr0&code_challenge_method=S256'

# 2/2: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=A1Dgal1og_xi1tEYxwwj17cB0jevC6kf&code_challenge=7JzyqHVbvvYWTcIMvPIvzSBSBrlgAehsLS40dKjTVPM&code_challenge_method=S256 -> 302 (0 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-public&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=A1Dgal1og_xi1tEYxwwj17cB0jevC6kf&code_challenge=7JzyqHVbvvYWTcIMvPIvzSBSBrlgAehsLS40dKjTVPM&code_challenge_method=S256'
