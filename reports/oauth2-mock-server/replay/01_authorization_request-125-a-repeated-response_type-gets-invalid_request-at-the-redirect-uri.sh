#!/usr/bin/env bash
# oauthspec replay of: A repeated response_type gets invalid_request at the redirect URI
# 01_authorization_request.feature:125 (fail)
# requirements: GEN-004
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=wD_ScwNlPElR1KJ-56anBbLKsA3p0I3q&code_challenge=N9kZUlAkpnVKX66OA31lDvqbJ4Xr0jIj7g35K30bBJk&code_challenge_method=S256&response_type=code -> 302 (18 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=https%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=wD_ScwNlPElR1KJ-56anBbLKsA3p0I3q&code_challenge=N9kZUlAkpnVKX66OA31lDvqbJ4Xr0jIj7g35K30bBJk&code_challenge_method=S256&response_type=code'
