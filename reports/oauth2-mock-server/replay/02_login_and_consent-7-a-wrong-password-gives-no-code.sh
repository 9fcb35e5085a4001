#!/usr/bin/env bash
# oauthspec replay of: A wrong password gives no code
# 02_login_and_consent.feature:7 (fail)
# requirements: AUTHZ-003
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=5JEHqlGIXvphGl1U_bZ0O2FK1sSq_vM3&code_challenge=NEoXx8xhKyfAsnNXpij9O_dTqCL3QiUu9IBpiNUqtyk&code_challenge_method=S256 -> 302 (18 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=5JEHqlGIXvphGl1U_bZ0O2FK1sSq_vM3&code_challenge=NEoXx8xhKyfAsnNXpij9O_dTqCL3QiUu9IBpiNUqtyk&code_challenge_method=S256'
