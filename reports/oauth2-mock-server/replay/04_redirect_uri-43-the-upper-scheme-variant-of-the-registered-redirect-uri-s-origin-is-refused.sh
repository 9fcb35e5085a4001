#!/usr/bin/env bash
# oauthspec replay of: The upper-scheme variant of the registered redirect URI's origin is refused
# 04_redirect_uri.feature:43 (fail)
# requirements: AUTHZ-012, AUTHZ-008
# Nothing was redacted; no variables to set.
set -euo pipefail

# 1/1: GET http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=33RSy4NpCKXGrxjPtsSUlW-__DemBr7A&code_challenge=nBxStt8-xDPwSHQIG6Eg10uNjJX9M5GRtm-RFnCIqUs&code_challenge_method=S256 -> 302 (19 ms)
curl -i --globoff -X 'GET' \
  --url 'http://localhost:8080/authorize?response_type=code&client_id=oauthspec-basic&redirect_uri=HTTPS%3A%2F%2Fclient.oauthspec.test%2Fcb&scope=dummy&state=33RSy4NpCKXGrxjPtsSUlW-__DemBr7A&code_challenge=nBxStt8-xDPwSHQIG6Eg10uNjJX9M5GRtm-RFnCIqUs&code_challenge_method=S256'
