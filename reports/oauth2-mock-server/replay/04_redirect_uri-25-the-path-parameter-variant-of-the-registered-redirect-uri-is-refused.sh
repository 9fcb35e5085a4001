#!/usr/bin/env bash
# oauthspec replay of: The path-parameter variant of the registered redirect URI is refused
# 04_redirect_uri.feature:25 (fail)
# requirements: AUTHZ-011, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%3Bx%3D1&scope=dummy&state=y-qXEggEeiBYRAEi7FdL47vJ7Vqzkx0z&code_challenge=3CPUx17ajeHoJA0HIycQUDgmm7r-MR8oOR_hnVF4vrs&code_challenge_method=S256 -> 302 (34 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb%3Bx%3D1&scope=dummy&state=y-qXEggEeiBYRAEi7FdL47vJ7Vqzkx0z&code_challenge=3CPUx17ajeHoJA0HIycQUDgmm7r-MR8oOR_hnVF4vrs&code_challenge_method=S256'
