#!/usr/bin/env bash
# oauthspec replay of: The userinfo variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:48 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fattacker%40client.oauthspec.test%2Fcb&scope=dummy&state=rTypiFLAVNdUIPegAirN3e1htqAdkpt2&code_challenge=kZm0xcCHQ8jKEWIfM7tvNkmOiFfREh2HorXjvm4vjWk&code_challenge_method=S256 -> 302 (13 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fattacker%40client.oauthspec.test%2Fcb&scope=dummy&state=rTypiFLAVNdUIPegAirN3e1htqAdkpt2&code_challenge=kZm0xcCHQ8jKEWIfM7tvNkmOiFfREh2HorXjvm4vjWk&code_challenge_method=S256'
