#!/usr/bin/env bash
# oauthspec replay of: The redirect after denying consent is not 307
# 02_login_and_consent.feature:39 (fail)
# requirements: GEN-009
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=OM0eWrqpRlhWxakuE_txE69CLuPZIiSw&code_challenge=Ur4-8tRZ0sqYmIBCMqcfwURdp_sPWzekHzNf7xcejTs&code_challenge_method=S256 -> 302 (9 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=OM0eWrqpRlhWxakuE_txE69CLuPZIiSw&code_challenge=Ur4-8tRZ0sqYmIBCMqcfwURdp_sPWzekHzNf7xcejTs&code_challenge_method=S256'
