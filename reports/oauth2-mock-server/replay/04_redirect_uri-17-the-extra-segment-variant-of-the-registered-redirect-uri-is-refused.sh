#!/usr/bin/env bash
# oauthspec replay of: The extra-segment variant of the registered redirect URI is refused
# 04_redirect_uri.feature:17 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2Fx&scope=dummy&state=GjiqTq8NG6J5slJfIG0YZbSzPUtgHsho&code_challenge=FVGS4W_TFMt6fp2xM5Sm2abs3bqlz-1Ke1ZcmJaSTCo&code_challenge_method=S256 -> 302 (15 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%2Fx&scope=dummy&state=GjiqTq8NG6J5slJfIG0YZbSzPUtgHsho&code_challenge=FVGS4W_TFMt6fp2xM5Sm2abs3bqlz-1Ke1ZcmJaSTCo&code_challenge_method=S256'
